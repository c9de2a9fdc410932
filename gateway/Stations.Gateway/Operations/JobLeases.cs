using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Dapper;
using Microsoft.Extensions.Options;
using Stations.Gateway.Storage;

namespace Stations.Gateway.Operations;

/// <summary>A row of <c>job_leases</c>: which gateway instance runs a job, and until when unless it renews.</summary>
public sealed record JobLease(string Job, string Holder, DateTimeOffset ExpiresAt);

/// <summary>
/// Decides which gateway instance runs each scheduled job when several share one database: a job's pass runs only on the
/// instance holding the job's row in <c>job_leases</c> (<see cref="TryHoldAsync"/> at the start of every pass). The
/// holder keeps its leases while it lives (renewed every third of <see cref="JobLeaseOptions.LeaseSeconds"/>, however
/// long a pass takes) and deletes them on a graceful stop, so another instance takes over at its next pass; after a crash
/// it takes over once the lease has expired. Expiry is written and compared with each instance's own clock (keep them in
/// NTP sync; a skew shortens or lengthens the lease by as much).
/// </summary>
public sealed partial class JobLeases : BackgroundService
{
    // One statement takes a free or expired lease, renews our own, and changes nothing while another instance holds it
    // (0 rows). PostgreSQL serialises concurrent upserts of one key; SQLite has one writer at a time.
    const string TakeSql =
        """
        INSERT INTO job_leases (job, holder, expires_at_ms) VALUES (@job, @holder, @expires)
        ON CONFLICT (job) DO UPDATE SET holder = excluded.holder, expires_at_ms = excluded.expires_at_ms
        WHERE job_leases.holder = excluded.holder OR job_leases.expires_at_ms <= @now
        """;

    readonly StationDatabase database;
    readonly TimeProvider time;
    readonly ILogger<JobLeases> logger;
    // Every job this instance asked about, and whether it held the lease at the last answer.
    readonly ConcurrentDictionary<string, bool> held = new(StringComparer.Ordinal);

    /// <summary>Creates the service; with a meter factory it reports <c>stations_job_leases_held{job}</c> on the gateway's meter.</summary>
    public JobLeases(StationDatabase database, IOptions<JobLeaseOptions> options, TimeProvider time, ILogger<JobLeases> logger, IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.database = database;
        this.time = time;
        this.logger = logger;
        Instance = options.Value.InstanceId;
        Lease = options.Value.Lease;
        meterFactory?.Create(GatewayMetrics.MeterName).CreateObservableGauge(
            "stations_job_leases_held",
            () => held.Select(j => new Measurement<int>(j.Value ? 1 : 0, new KeyValuePair<string, object?>("job", j.Key))),
            description: "Scheduled jobs this gateway instance runs (1) or leaves to the instance holding their lease (0)");
    }

    /// <summary>This instance's name in <c>job_leases</c> (<c>Gateway:InstanceId</c>).</summary>
    public string Instance { get; }

    /// <summary>How long a lease lasts without renewal.</summary>
    public TimeSpan Lease { get; }

    /// <summary>Whether this instance held <paramref name="job"/>'s lease at its last take or renewal.</summary>
    public bool Holds(string job) => held.TryGetValue(job, out var holds) && holds;

    /// <summary>Runs one <paramref name="pass"/> of <paramref name="job"/> when this instance holds (or takes) its lease; false when another instance holds it.</summary>
    public async Task<bool> RunIfHeldAsync(string job, Func<CancellationToken, Task> pass, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pass);
        if (!await TryHoldAsync(job, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        await pass(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Takes <paramref name="job"/>'s lease when it is free, expired or already ours, renewing it for <see cref="Lease"/>;
    /// false while another instance holds it (that instance runs the job).
    /// </summary>
    public async Task<bool> TryHoldAsync(string job, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(job);
        var now = time.GetUtcNow();
        int rows;
        await using (var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            rows = await connection.ExecuteAsync(new CommandDefinition(
                TakeSql,
                new { job, holder = Instance, expires = (now + Lease).ToUnixTimeMilliseconds(), now = now.ToUnixTimeMilliseconds() },
                cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        var holds = rows > 0;
        var before = held.TryGetValue(job, out var was) ? was : (bool?)null;
        held[job] = holds;
        if (holds && before != true)
        {
            Log.Took(logger, Instance, job, now + Lease);
        }
        else if (!holds && before != false)
        {
            var other = await FindAsync(job, cancellationToken).ConfigureAwait(false);
            if (before == true)
            {
                Log.Lost(logger, Instance, job, other?.Holder ?? "?", other?.ExpiresAt ?? now);
            }
            else
            {
                Log.StandsBy(logger, Instance, job, other?.Holder ?? "?", other?.ExpiresAt ?? now);
            }
        }

        return holds;
    }

    /// <summary>Renews every lease this instance holds (the heartbeat; a job's pass renews its own lease too).</summary>
    public async Task RenewHeldAsync(CancellationToken cancellationToken = default)
    {
        foreach (var job in held.Where(j => j.Value).Select(j => j.Key).ToList())
        {
            await TryHoldAsync(job, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Gives up every lease this instance holds, so another instance takes the jobs over at its next pass.</summary>
    public async Task ReleaseAllAsync(CancellationToken cancellationToken = default)
    {
        var jobs = held.Where(j => j.Value).Select(j => j.Key).ToList();
        if (jobs.Count == 0)
        {
            return;
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        foreach (var job in jobs)
        {
            held[job] = false;
            if (await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM job_leases WHERE job = @job AND holder = @holder", new { job, holder = Instance }, cancellationToken: cancellationToken)).ConfigureAwait(false) > 0)
            {
                Log.Released(logger, Instance, job);
            }
        }
    }

    /// <summary>Every lease in the database (held or expired), by job.</summary>
    public async Task<IReadOnlyList<JobLease>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string Job, string Holder, long ExpiresAtMs)>(new CommandDefinition(
            "SELECT job, holder, expires_at_ms FROM job_leases ORDER BY job", cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new JobLease(r.Job, r.Holder, DateTimeOffset.FromUnixTimeMilliseconds(r.ExpiresAtMs))).ToList();
    }

    /// <summary>The heartbeat: renews the held leases every third of <see cref="Lease"/>.</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Lease / 3, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await RenewHeldAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The next beat (or the job's next pass) retries; the lease lasts three beats.
                Log.RenewFailed(logger, e);
            }
        }
    }

    /// <summary>Stops the heartbeat, then releases the leases (the jobs, registered after this service, have stopped already).</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await ReleaseAllAsync(cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A lease not released (store down, stop timed out) only expires later; it must not fail the stop.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Log.ReleaseFailed(logger, e, Lease);
        }
    }

    async Task<JobLease?> FindAsync(string job, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = (await connection.QueryAsync<(string Holder, long ExpiresAtMs)>(new CommandDefinition(
            "SELECT holder, expires_at_ms FROM job_leases WHERE job = @job", new { job }, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
        return rows.Count == 0 ? null : new JobLease(job, rows[0].Holder, DateTimeOffset.FromUnixTimeMilliseconds(rows[0].ExpiresAtMs));
    }

    static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Instance {Instance} took the {Job} lease and runs the job now (lease until {ExpiresAt:u}, renewed while it runs)")]
        public static partial void Took(ILogger logger, string instance, string job, DateTimeOffset expiresAt);

        [LoggerMessage(Level = LogLevel.Information, Message = "Instance {Instance} stands by for {Job}: instance {Holder} holds the lease (until {ExpiresAt:u})")]
        public static partial void StandsBy(ILogger logger, string instance, string job, string holder, DateTimeOffset expiresAt);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Instance {Instance} gave up {Job}: instance {Holder} took the lease over (until {ExpiresAt:u}) because this one did not renew it in time")]
        public static partial void Lost(ILogger logger, string instance, string job, string holder, DateTimeOffset expiresAt);

        [LoggerMessage(Level = LogLevel.Information, Message = "Instance {Instance} released the {Job} lease on stop; another instance takes the job over at its next pass")]
        public static partial void Released(ILogger logger, string instance, string job);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing the job leases failed; retrying at the next beat")]
        public static partial void RenewFailed(ILogger logger, Exception exception);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Releasing the job leases on stop failed; other instances take the jobs over when the leases expire (within {Lease})")]
        public static partial void ReleaseFailed(ILogger logger, Exception exception, TimeSpan lease);
    }
}

/// <summary>Registers <see cref="JobLeases"/>.</summary>
public static class JobLeaseServiceExtensions
{
    /// <summary>
    /// Adds the lease service and its heartbeat (options from <c>Gateway:InstanceId</c> and <c>Gateway:Jobs</c>). Register
    /// it before the jobs: hosted services stop in reverse order, so the leases are released after the jobs' last pass.
    /// </summary>
    public static IServiceCollection AddJobLeases(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JobLeaseOptions>()
            .Bind(configuration.GetSection("Gateway:Jobs"))
            .Configure(o =>
            {
                var id = configuration["Gateway:InstanceId"];
                if (!string.IsNullOrWhiteSpace(id))
                {
                    o.InstanceId = id.Trim();
                }
            })
            .Validate(o => o.Problem() == null, "Gateway:InstanceId must be 1-200 characters and Gateway:Jobs:LeaseSeconds 15-86400 (default 180).")
            .ValidateOnStart();
        services.AddSingleton<JobLeases>();
        services.AddHostedService(sp => sp.GetRequiredService<JobLeases>());
        return services;
    }
}
