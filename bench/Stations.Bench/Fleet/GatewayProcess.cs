using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;
using Stations.Testing;

namespace Stations.Bench.Fleet;

/// <summary>
/// The real gateway as a child process (`dotnet Stations.Gateway.dll`): embedded MQTT broker on a fixed loopback port
/// (kept across restarts), SQLite in a temp folder (or a PostgreSQL database), its output in `gateway.log` there. It can be killed with SIGKILL
/// (<see cref="Kill"/>) and started again on the same data, and its memory read from /proc.
/// </summary>
public sealed class GatewayProcess : IAsyncDisposable
{
    static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(120);
    readonly string gatewayDll;
    readonly IReadOnlyList<string> extraSettings;
    readonly string? postgres;
    Process? process;
    int httpPort;

    GatewayProcess(string gatewayDll, string dataFolder, int brokerPort, IReadOnlyList<string> extraSettings, string? postgres)
    {
        this.gatewayDll = gatewayDll;
        DataFolder = dataFolder;
        BrokerPort = brokerPort;
        this.extraSettings = extraSettings;
        this.postgres = postgres;
    }

    /// <summary>"sqlite" or "postgres": where the gateway stores.</summary>
    public string Storage => postgres == null ? "sqlite" : "postgres";

    /// <summary>The data folder (SQLite file `stations.db`, `gateway.log`).</summary>
    public string DataFolder { get; }

    /// <summary>The embedded broker's port, the same after every restart.</summary>
    public int BrokerPort { get; }

    /// <summary>The SQLite file.</summary>
    public string DatabaseFile => Path.Combine(DataFolder, "stations.db");

    /// <summary>The process id while running.</summary>
    public int? ProcessId => process is { HasExited: false } p ? p.Id : null;

    /// <summary>
    /// Starts the gateway in a new temp data folder. <paramref name="extraSettings"/> are `--Key=value` arguments;
    /// <paramref name="postgres"/>, when given, is the connection string of an empty PostgreSQL database to store in
    /// instead of SQLite.
    /// </summary>
    public static async Task<GatewayProcess> StartAsync(string name, IReadOnlyList<string>? extraSettings = null, string? postgres = null, CancellationToken cancel = default)
    {
        var folder = Path.Combine(Path.GetTempPath(), "stations-" + name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var gateway = new GatewayProcess(FindGatewayDll(), folder, FreeTcpPort.Next(), extraSettings ?? [], postgres);
        await gateway.StartAgainAsync(cancel).ConfigureAwait(false);
        return gateway;
    }

    /// <summary>
    /// The gateway built next to this assembly's configuration (gateway/Stations.Gateway/bin/{Debug|Release}/net10.0),
    /// falling back to the copy in this assembly's folder.
    /// </summary>
    public static string FindGatewayDll()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var candidates = new List<string>();
        try
        {
            candidates.Add(Path.Combine(RepositoryPaths.Root(), "gateway", "Stations.Gateway", "bin", configuration, "net10.0", "Stations.Gateway.dll"));
        }
        catch (DirectoryNotFoundException)
        {
            // outside the repository: the copy next to this assembly
        }

        candidates.Add(Path.Combine(AppContext.BaseDirectory, "Stations.Gateway.dll"));
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException("Stations.Gateway.dll not found; build it first: dotnet build gateway/Stations.Gateway -c " + configuration);
    }

    /// <summary>Starts the gateway process on the same data and broker port and waits until `/health/ready` answers.</summary>
    public async Task StartAgainAsync(CancellationToken cancel = default)
    {
        if (ProcessId != null)
        {
            throw new InvalidOperationException("The gateway is already running.");
        }

        httpPort = FreeTcpPort.Next();
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(gatewayDll)!,
        };
        foreach (var argument in new[]
        {
            gatewayDll, "--urls", $"http://127.0.0.1:{httpPort}",
            "--Gateway:Storage:Provider=" + (postgres == null ? "Sqlite" : "Postgres"), "--Gateway:Storage:ConnectionString=" + postgres,
            "--Gateway:Storage:DataFolder=" + DataFolder, "--Gateway:Storage:RawRetentionDays=0",
            "--Gateway:Broker:ListenAddress=127.0.0.1", "--Gateway:Broker:Port=" + BrokerPort.ToString(CultureInfo.InvariantCulture),
            "--Logging:LogLevel:Default=Warning",
        }.Concat(extraSettings))
        {
            info.ArgumentList.Add(argument);
        }

        var log = Path.Combine(DataFolder, "gateway.log");
        var started = ChildProcessFolder.Start(info, log);
        process = started;
        Starts++;

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            cancel.ThrowIfCancellationRequested();
            if (started.HasExited)
            {
                throw new InvalidOperationException($"The gateway exited with {started.ExitCode} while starting; see {log}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{httpPort}/health/ready"), cancel).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException) when (!cancel.IsCancellationRequested)
            {
                // slow answer while starting
            }

            if (deadline.Elapsed > StartLimit)
            {
                throw new TimeoutException($"The gateway did not become ready within {StartLimit.TotalSeconds:F0} s; see {log}");
            }

            await Task.Delay(100, cancel).ConfigureAwait(false);
        }
    }

    /// <summary>Times the process was started.</summary>
    public int Starts { get; private set; }

    /// <summary>kill -9: SIGKILL, no shutdown code runs; waits until the process is gone.</summary>
    public void Kill()
    {
        var running = process ?? throw new InvalidOperationException("The gateway is not running.");
        process = null;
        running.Kill(entireProcessTree: false); // SIGKILL on Unix
        running.WaitForExit();
        running.Dispose();
    }

    /// <summary>True when the gateway was started and has exited by itself (not by <see cref="Kill"/>).</summary>
    public bool HasDied => process is { HasExited: true };

    /// <summary>The exit code and the last lines of the gateway's log after it died by itself.</summary>
    public string DeathReport(int lines = 8)
    {
        var code = process is { HasExited: true } p ? p.ExitCode.ToString(CultureInfo.InvariantCulture) : "?";
        var log = Path.Combine(DataFolder, "gateway.log");
        string[] tail;
        lock (typeof(GatewayProcess))
        {
            tail = File.Exists(log) ? File.ReadLines(log).TakeLast(lines).ToArray() : [];
        }

        return $"the gateway process exited with code {code}; its log ({DataFolder}.gateway.log after the run) ends:" + Environment.NewLine
            + string.Join(Environment.NewLine, tail.Select(line => "  " + line));
    }

    /// <summary>Descriptors the gateway process holds now (sockets, files, pipes).</summary>
    public int OpenFiles() => OpenFileLimit.OpenFiles(ProcessId ?? throw new InvalidOperationException("The gateway is not running."));

    /// <summary>Memory mappings the gateway process holds now (lines of /proc/{pid}/maps; capped by vm.max_map_count).</summary>
    public int MemoryMaps() => OpenFileLimit.MemoryMaps(ProcessId ?? throw new InvalidOperationException("The gateway is not running."));

    /// <summary>Resident memory of the gateway process (VmRSS from /proc), in bytes.</summary>
    public long ResidentBytes()
    {
        var id = ProcessId ?? throw new InvalidOperationException("The gateway is not running.");
        foreach (var line in File.ReadLines($"/proc/{id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException("VmRSS missing from /proc/" + id + "/status");
    }

    /// <summary>CPU time the gateway process used so far.</summary>
    public TimeSpan CpuTime()
    {
        using var p = Process.GetProcessById(ProcessId ?? throw new InvalidOperationException("The gateway is not running."));
        return p.TotalProcessorTime;
    }

    /// <summary>
    /// Registers stations straight into the running gateway's database (the registry looks stations up on connect),
    /// each with its own password hashed as the gateway does (PBKDF2-SHA256, `pbkdf2-sha256$iterations$salt$hash`).
    /// <paramref name="iterations"/> below the gateway's 100,000 makes provisioning and connect checks cheap for runs
    /// that are not about authentication cost; the gateway verifies with the count stored in each hash.
    /// </summary>
    public async Task ProvisionAsync(IReadOnlyList<string> stationIds, Func<string, string> passwordOf, int iterations)
    {
        ArgumentNullException.ThrowIfNull(stationIds);
        ArgumentNullException.ThrowIfNull(passwordOf);
        var hashes = new string[stationIds.Count];
        Parallel.For(0, stationIds.Count, i => hashes[i] = Hash(passwordOf(stationIds[i]), iterations));
        await using var connection = await OpenAsync().ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO stations (station_id, name, time_zone, password_hash, enabled, schedule_open_minute, schedule_close_minute, created_at_ms)
            VALUES (@id, @id, 'Asia/Shanghai', @hash, 1, 0, 1440, @now)
            ON CONFLICT (station_id) DO UPDATE SET password_hash = excluded.password_hash
            """;
        var id = Parameter(command, "id", "");
        var hash = Parameter(command, "hash", "");
        Parameter(command, "now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        for (var i = 0; i < stationIds.Count; i++)
        {
            id.Value = stationIds[i];
            hash.Value = hashes[i];
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        await transaction.CommitAsync().ConfigureAwait(false);
    }

    /// <summary>A connection to the gateway's database (SQLite in WAL mode: readable while the gateway writes).</summary>
    public async Task<DbConnection> OpenAsync()
    {
        DbConnection connection = postgres == null
            ? new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabaseFile, DefaultTimeout = 60, Pooling = false }.ToString())
            : new NpgsqlConnection(postgres);
        await connection.OpenAsync().ConfigureAwait(false);
        return connection;
    }

    static DbParameter Parameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    static string Hash(string password, int iterations)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, 32);
        return string.Create(CultureInfo.InvariantCulture, $"pbkdf2-sha256${iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    /// <summary>Kills the gateway if it runs and deletes the data folder.</summary>
    public ValueTask DisposeAsync()
    {
        if (ProcessId != null)
        {
            Kill();
        }

        SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        ChildProcessFolder.KeepLogAndDelete(DataFolder, "gateway.log");
        return ValueTask.CompletedTask;
    }
}
