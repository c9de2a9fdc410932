using System.Diagnostics;
using System.Globalization;

namespace Stations.Testing;

/// <summary>
/// A throwaway PostgreSQL 15 cluster on 127.0.0.1 and a free port, run as the `postgres` user (initdb refuses root).
/// Start one per test run (<see cref="Shared"/>) and make a fresh database per test class (<see cref="CreateDatabaseAsync"/>).
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    const string BinFolder = "/usr/lib/postgresql/15/bin";
    static readonly SemaphoreSlim SharedLock = new(1, 1);
    static PostgresServer? shared;
    int databaseCounter;

    readonly string startOptions;

    PostgresServer(string folder, int port, string startOptions)
    {
        Folder = folder;
        Port = port;
        this.startOptions = startOptions;
    }

    /// <summary>The cluster's temporary folder (data, socket, log).</summary>
    public string Folder { get; }

    /// <summary>The TCP port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>True when PostgreSQL 15 is installed here (test.sh installs it).</summary>
    public static bool IsInstalled => File.Exists(Path.Combine(BinFolder, "postgres"));

    /// <summary>Connection string for the maintenance database `postgres`.</summary>
    public string AdminConnectionString => ConnectionString("postgres");

    /// <summary>Connection string for <paramref name="database"/> as the superuser `stations` (trust auth).</summary>
    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=stations;Database={database};Pooling=true;Timeout=15";

    /// <summary>One cluster for the whole test run, started on first use and stopped at process exit.</summary>
    public static async Task<PostgresServer> SharedAsync()
    {
        await SharedLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (shared == null)
            {
                shared = await StartAsync().ConfigureAwait(false);
                var server = shared;
                AppDomain.CurrentDomain.ProcessExit += (_, _) => server.StopAsync().GetAwaiter().GetResult();
            }

            return shared;
        }
        finally
        {
            SharedLock.Release();
        }
    }

    /// <summary>
    /// Creates and starts a new cluster. <paramref name="durableCommits"/> keeps PostgreSQL's default
    /// `synchronous_commit=on`, so a commit survives <see cref="KillAsync"/> (with `off`, the default here for speed, a
    /// commit the server already confirmed can be lost when the server is killed: a test of an outage would see loss
    /// that is the test cluster's, not the gateway's). <paramref name="crashSafe"/> runs it as production does (`fsync`,
    /// `full_page_writes` and `synchronous_commit` on: a commit survives a power cut), for benchmarks whose figures must
    /// include the cost of durability.
    /// </summary>
    public static async Task<PostgresServer> StartAsync(bool durableCommits = false, bool crashSafe = false)
    {
        if (!IsInstalled)
        {
            throw new InvalidOperationException("PostgreSQL 15 is not installed: run `apt-get install -y postgresql` (test.sh does).");
        }

        var folder = Path.Combine(Path.GetTempPath(), "stations-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        await ExternalProcess.RunAsync("chown", ["postgres:postgres", folder]).ConfigureAwait(false);
        var data = Path.Combine(folder, "data");
        await ExternalProcess.RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(BinFolder, "initdb"), "-D", data, "-A", "trust", "-U", "stations", "-E", "UTF8", "--no-sync"]).ConfigureAwait(false);
        var port = FreeTcpPort.Next();
        var options = $"-p {port.ToString(CultureInfo.InvariantCulture)} -k {folder} -c listen_addresses=127.0.0.1 -c fsync={OnOff(crashSafe)} -c synchronous_commit={OnOff(durableCommits || crashSafe)} -c full_page_writes={OnOff(crashSafe)} -c max_connections=200";
        var server = new PostgresServer(folder, port, options);
        await server.ResumeAsync().ConfigureAwait(false);
        return server;
    }

    static string OnOff(bool on) => on ? "on" : "off";

    /// <summary>
    /// Kills the server as a crash or power cut would (`pg_ctl stop -m immediate`: no checkpoint, every connection cut);
    /// the data folder stays for <see cref="ResumeAsync"/>.
    /// </summary>
    public Task KillAsync() =>
        ExternalProcess.RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(BinFolder, "pg_ctl"), "-D", Path.Combine(Folder, "data"), "-w", "stop", "-m", "immediate"]);

    /// <summary>Starts the server (again, after <see cref="KillAsync"/>: crash recovery) on the same data folder and port; returns once it accepts connections.</summary>
    public Task ResumeAsync() =>
        ExternalProcess.RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(BinFolder, "pg_ctl"), "-D", Path.Combine(Folder, "data"), "-o", startOptions, "-l", Path.Combine(Folder, "log"), "-w", "start"]);

    /// <summary>Creates an empty database with a unique name and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = (prefix + "_" + Interlocked.Increment(ref databaseCounter).ToString(CultureInfo.InvariantCulture) + "_" + Stopwatch.GetTimestamp().ToString(CultureInfo.InvariantCulture)).ToLowerInvariant();
        var safe = new string(name.Where(c => char.IsAsciiLetterOrDigit(c) || c == '_').ToArray());
        await ExternalProcess.RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(BinFolder, "psql"), "-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "-U", "stations", "-d", "postgres", "-c", $"CREATE DATABASE {safe}"]).ConfigureAwait(false);
        return ConnectionString(safe);
    }

    /// <summary>Stops the cluster and deletes its folder.</summary>
    public async Task StopAsync()
    {
        try
        {
            await KillAsync().ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);
}
