using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Stations.Testing;

/// <summary>
/// A real SMTP server for tests: Debian's aiosmtpd (<c>/usr/bin/python3 -m aiosmtpd</c>) on 127.0.0.1 and a free
/// port, with a small handler that saves each received message as an <c>.eml</c> file in <see cref="MessageFolder"/>.
/// </summary>
public sealed class SmtpServer : IAsyncDisposable
{
    /// <summary>The interpreter that sees Debian's python3-aiosmtpd (another python3 may come first on PATH).</summary>
    public const string Python = "/usr/bin/python3";

    private const string HandlerModule = """
        import os, uuid

        class SaveToFolder:
            async def handle_DATA(self, server, session, envelope):
                folder = os.environ["SMTP_SAVE_DIR"]
                name = uuid.uuid4().hex
                data = envelope.original_content or envelope.content
                if isinstance(data, str):
                    data = data.encode("utf-8")
                tmp = os.path.join(folder, name + ".tmp")
                with open(tmp, "wb") as f:
                    f.write(data)
                os.replace(tmp, os.path.join(folder, name + ".eml"))
                return "250 Message accepted for delivery"
        """;

    private readonly Process process;
    private readonly string workFolder;

    private SmtpServer(Process process, string workFolder, int port)
    {
        this.process = process;
        this.workFolder = workFolder;
        Port = port;
    }

    /// <summary>The port the server listens on (127.0.0.1).</summary>
    public int Port { get; }

    /// <summary>Folder with one <c>.eml</c> file per received message.</summary>
    public string MessageFolder => Path.Combine(workFolder, "messages");

    /// <summary>Asks the OS for a free loopback port (for a server that will start later, e.g. a "server down" test).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Starts the server on <paramref name="port"/> (a free one when 0) and waits until it accepts connections.</summary>
    public static async Task<SmtpServer> StartAsync(int port = 0, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(Python))
        {
            throw new InvalidOperationException($"{Python} is missing; install python3-aiosmtpd (apt-get install -y python3-aiosmtpd), as test.sh does.");
        }

        port = port == 0 ? FreePort() : port;
        var work = Directory.CreateTempSubdirectory("smtp-").FullName;
        Directory.CreateDirectory(Path.Combine(work, "messages"));
        await File.WriteAllTextAsync(Path.Combine(work, "stations_smtp_handler.py"), HandlerModule, cancellationToken).ConfigureAwait(false);
        var psi = new ProcessStartInfo(Python, ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "stations_smtp_handler.SaveToFolder"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            WorkingDirectory = work,
        };
        psi.Environment["PYTHONPATH"] = work;
        psi.Environment["SMTP_SAVE_DIR"] = Path.Combine(work, "messages");
        var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start aiosmtpd.");
        var errors = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) => { lock (errors) { errors.AppendLine(e.Data); } };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var server = new SmtpServer(process, work, port);

        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            if (process.HasExited)
            {
                await server.DisposeAsync().ConfigureAwait(false);
                string log;
                lock (errors) { log = errors.ToString(); }
                throw new InvalidOperationException($"aiosmtpd exited with code {process.ExitCode} before listening on port {port}: {log}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port, cancellationToken).ConfigureAwait(false);
                return server;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                // Not listening yet: aiosmtpd takes a moment to import; poll the port again shortly.
                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException)
            {
                await server.DisposeAsync().ConfigureAwait(false);
                throw new TimeoutException($"aiosmtpd did not listen on 127.0.0.1:{port} in time.");
            }
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> messages have arrived; returns their files.</summary>
    public async Task<IReadOnlyList<string>> WaitForMessagesAsync(int count, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var files = Directory.GetFiles(MessageFolder, "*.eml").Order(StringComparer.Ordinal).ToList();
            if (files.Count >= count)
            {
                return files;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Expected {count} message(s) at the SMTP server, got {files.Count} within {timeout}.");
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stops the server process (only this one, by its id) and deletes its folder.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().ConfigureAwait(false);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        process.Dispose();
        try
        {
            Directory.Delete(workFolder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind is harmless.
        }
    }
}
