using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Stations.Testing;

namespace Stations.Bench.Chaos;

/// <summary>
/// A Mosquitto 2 broker (Debian's `/usr/sbin/mosquitto`) for the chaos run that can be killed with SIGKILL and started
/// again on the same loopback port: per-station passwords, the per-station ACL of docs/operations.md, no persistence
/// (a restart forgets every session, subscription and queued message, as a crashed broker without a disk would), its
/// output in `mosquitto.log` in its folder. Unlike tests/Stations.Testing's `MosquittoServer` it keeps its port.
/// </summary>
public sealed class ChaosMosquitto : IAsyncDisposable
{
    static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(20);
    readonly string configFile;
    Process? process;

    ChaosMosquitto(string folder, int port, string configFile)
    {
        Folder = folder;
        Port = port;
        this.configFile = configFile;
    }

    /// <summary>The broker's folder (config, passwords, ACL, log).</summary>
    public string Folder { get; }

    /// <summary>The TCP port on 127.0.0.1, the same after every restart.</summary>
    public int Port { get; }

    /// <summary>Times the broker was started.</summary>
    public int Starts { get; private set; }

    /// <summary>True when mosquitto is installed (test.sh installs it).</summary>
    public static bool IsInstalled => File.Exists("/usr/sbin/mosquitto");

    /// <summary>The process id while running.</summary>
    public int? ProcessId => process is { HasExited: false } p ? p.Id : null;

    /// <summary>
    /// Writes the configuration for <paramref name="port"/> (users: name → password; <paramref name="gatewayUser"/> reads
    /// every station topic and writes `cmd`/`ack`) and starts the broker.
    /// </summary>
    public static async Task<ChaosMosquitto> StartAsync(int port, IReadOnlyDictionary<string, string> users, string gatewayUser, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(users);
        if (!IsInstalled)
        {
            throw new InvalidOperationException("Mosquitto is not installed: run `apt-get install -y mosquitto mosquitto-clients` (test.sh does).");
        }

        var folder = Path.Combine(Path.GetTempPath(), "stations-chaos-mosquitto-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);

        // One `mosquitto_passwd -U` hashes the whole plain-text file in place (one process, not one per station).
        var passwords = Path.Combine(folder, "passwd");
        await File.WriteAllLinesAsync(passwords, users.Select(u => u.Key + ":" + u.Value), cancel).ConfigureAwait(false);
        await ExternalProcess.RunAsync("mosquitto_passwd", ["-U", passwords]).ConfigureAwait(false);

        var aclFile = Path.Combine(folder, "acl");
        await File.WriteAllTextAsync(aclFile, MosquittoServer.Acl(gatewayUser), cancel).ConfigureAwait(false);

        var config = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"listener {port} 127.0.0.1")
            .AppendLine("allow_anonymous false")
            .AppendLine(CultureInfo.InvariantCulture, $"password_file {passwords}")
            .AppendLine(CultureInfo.InvariantCulture, $"acl_file {aclFile}")
            .AppendLine("persistence false")
            .AppendLine("set_tcp_nodelay true")
            .AppendLine("max_inflight_messages 100")
            .AppendLine("max_queued_messages 100000")
            .AppendLine("log_dest stderr")
            .AppendLine("log_type error")
            .AppendLine("log_type warning")
            .AppendLine("log_type notice");
        var configFile = Path.Combine(folder, "mosquitto.conf");
        await File.WriteAllTextAsync(configFile, config.ToString(), cancel).ConfigureAwait(false);

        // Started as root, mosquitto drops to the `mosquitto` user, which must read the folder and files.
        await ExternalProcess.RunAsync("chmod", ["-R", "a+rX", folder]).ConfigureAwait(false);
        var broker = new ChaosMosquitto(folder, port, configFile);
        await broker.StartAgainAsync(cancel).ConfigureAwait(false);
        return broker;
    }

    /// <summary>Starts the broker on the same port and configuration and waits until it accepts connections.</summary>
    public async Task StartAgainAsync(CancellationToken cancel = default)
    {
        if (ProcessId != null)
        {
            throw new InvalidOperationException("Mosquitto is already running.");
        }

        var info = new ProcessStartInfo("/usr/sbin/mosquitto");
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(configFile);
        var log = Path.Combine(Folder, "mosquitto.log");
        var started = ChildProcessFolder.Start(info, log);
        process = started;
        Starts++;

        // Mosquitto has no readiness signal: poll the port (a closed port refuses at once, so this is short).
        var watch = Stopwatch.StartNew();
        while (true)
        {
            cancel.ThrowIfCancellationRequested();
            if (started.HasExited)
            {
                throw new InvalidOperationException($"mosquitto exited with {started.ExitCode} at start; see {log}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port, cancel).ConfigureAwait(false);
                return;
            }
            catch (SocketException) when (watch.Elapsed < StartLimit)
            {
                await Task.Delay(10, cancel).ConfigureAwait(false);
            }
        }
    }

    /// <summary>kill -9: SIGKILL, the broker writes nothing and every session is gone; waits until the process is gone.</summary>
    public void Kill()
    {
        var running = process ?? throw new InvalidOperationException("Mosquitto is not running.");
        process = null;
        running.Kill(entireProcessTree: false);
        running.WaitForExit();
        running.Dispose();
    }

    /// <summary>Kills the broker if it runs; keeps its log next to the folder and deletes the folder.</summary>
    public ValueTask DisposeAsync()
    {
        if (ProcessId != null)
        {
            Kill();
        }

        ChildProcessFolder.KeepLogAndDelete(Folder, "mosquitto.log");
        return ValueTask.CompletedTask;
    }
}
