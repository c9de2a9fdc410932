using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Stations.Testing;

/// <summary>
/// A Mosquitto 2 broker on 127.0.0.1 and a free port with a password file and a per-station ACL
/// (each station writes only ss/v1/{id}/..., reads only its own cmd and ack; the gateway user reads and writes all).
/// </summary>
public sealed class MosquittoServer : IAsyncDisposable
{
    readonly Process process;

    MosquittoServer(string folder, int port, Process process)
    {
        Folder = folder;
        Port = port;
        this.process = process;
    }

    /// <summary>The broker's temporary folder (config, passwords, ACL, log).</summary>
    public string Folder { get; }

    /// <summary>The TCP port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>True when mosquitto is installed here (test.sh installs it).</summary>
    public static bool IsInstalled => File.Exists("/usr/sbin/mosquitto");

    /// <summary>
    /// The ACL file the gateway expects (docs/operations.md): <paramref name="gatewayUser"/> reads every station topic and
    /// writes cmd/ack; each station (`%u`) writes its own status, telemetry, event and cmd/result and reads its cmd/ack.
    /// </summary>
    public static string Acl(string gatewayUser) => new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"user {gatewayUser}")
            .AppendLine("topic read ss/v1/+/status")
            .AppendLine("topic read ss/v1/+/telemetry")
            .AppendLine("topic read ss/v1/+/event")
            .AppendLine("topic read ss/v1/+/cmd/result")
            .AppendLine("topic write ss/v1/+/cmd")
            .AppendLine("topic write ss/v1/+/ack")
            .AppendLine()
            .AppendLine("pattern write ss/v1/%u/status")
            .AppendLine("pattern write ss/v1/%u/telemetry")
            .AppendLine("pattern write ss/v1/%u/event")
            .AppendLine("pattern write ss/v1/%u/cmd/result")
            .AppendLine("pattern read ss/v1/%u/cmd")
            .AppendLine("pattern read ss/v1/%u/ack")
            .ToString();

    /// <summary>Starts a broker with the given users (user name → password) and the station/gateway ACL.</summary>
    /// <param name="users">Every user, stations and gateway alike.</param>
    /// <param name="gatewayUser">The user allowed to read all station topics and write cmd/ack.</param>
    public static async Task<MosquittoServer> StartAsync(IReadOnlyDictionary<string, string> users, string gatewayUser)
    {
        ArgumentNullException.ThrowIfNull(users);
        if (!IsInstalled)
        {
            throw new InvalidOperationException("Mosquitto is not installed: run `apt-get install -y mosquitto mosquitto-clients` (test.sh does).");
        }

        var folder = Path.Combine(Path.GetTempPath(), "stations-mosquitto-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        var passwords = Path.Combine(folder, "passwd");
        await File.WriteAllTextAsync(passwords, string.Empty).ConfigureAwait(false);
        foreach (var (user, password) in users)
        {
            await ExternalProcess.RunAsync("mosquitto_passwd", ["-b", passwords, user, password]).ConfigureAwait(false);
        }

        await File.WriteAllTextAsync(Path.Combine(folder, "acl"), Acl(gatewayUser)).ConfigureAwait(false);

        var port = FreeTcpPort.Next();
        var config = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"listener {port} 127.0.0.1")
            .AppendLine("allow_anonymous false")
            .AppendLine(CultureInfo.InvariantCulture, $"password_file {passwords}")
            .AppendLine(CultureInfo.InvariantCulture, $"acl_file {Path.Combine(folder, "acl")}")
            .AppendLine("persistence false")
            .AppendLine("max_inflight_messages 100")
            .AppendLine("max_queued_messages 10000")
            .AppendLine("log_dest stderr")
            .AppendLine("log_type error")
            .AppendLine("log_type warning");
        var configFile = Path.Combine(folder, "mosquitto.conf");
        await File.WriteAllTextAsync(configFile, config.ToString()).ConfigureAwait(false);

        // Started as root, mosquitto drops to the `mosquitto` user, which must read the folder and files.
        await ExternalProcess.RunAsync("chmod", ["-R", "a+rX", folder]).ConfigureAwait(false);

        var info = new ProcessStartInfo("/usr/sbin/mosquitto") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(configFile);
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start mosquitto.");
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var server = new MosquittoServer(folder, port, process);
        await server.WaitUntilListeningAsync().ConfigureAwait(false);
        return server;
    }

    async Task WaitUntilListeningAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"mosquitto exited with {process.ExitCode} at start; config in {Folder}.");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port).ConfigureAwait(false);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                // Not listening yet: poll the port, there is no readiness signal from mosquitto.
                await Task.Delay(20).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync().ConfigureAwait(false);
        }

        process.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
