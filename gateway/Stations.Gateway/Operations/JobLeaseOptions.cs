using System.Globalization;

namespace Stations.Gateway.Operations;

/// <summary>
/// Who this gateway instance is (<c>Gateway:InstanceId</c>) and how long its scheduled-job leases last
/// (<c>Gateway:Jobs:LeaseSeconds</c>); see <see cref="JobLeases"/>.
/// </summary>
public sealed class JobLeaseOptions
{
    /// <summary>Shortest lease accepted (the holder renews every third of it).</summary>
    public const int MinLeaseSeconds = 15;

    /// <summary>Longest lease accepted (a crashed holder's jobs wait this long for another instance).</summary>
    public const int MaxLeaseSeconds = 86_400;

    /// <summary>
    /// This instance's name in <c>job_leases</c> and in the logs; must differ between instances sharing a database.
    /// Default: machine name, process id and a short random part (unique even for two gateways in one process).
    /// </summary>
    public string InstanceId { get; set; } = DefaultInstanceId();

    /// <summary>How long a lease lasts without renewal: the holder renews it every third of this; after a crash another instance takes the job over within this time.</summary>
    public int LeaseSeconds { get; set; } = 180;

    /// <summary>The lease length.</summary>
    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);

    /// <summary>What is wrong with the settings and how to fix it, or null.</summary>
    public string? Problem()
    {
        if (string.IsNullOrWhiteSpace(InstanceId) || InstanceId.Length > 200)
        {
            return $"Gateway:InstanceId \"{InstanceId}\" must be 1-200 characters and unique per gateway instance, e.g. \"gw-1\"; leave it unset for machine name + process id.";
        }

        return LeaseSeconds is < MinLeaseSeconds or > MaxLeaseSeconds
            ? string.Create(CultureInfo.InvariantCulture, $"Gateway:Jobs:LeaseSeconds is {LeaseSeconds}: use {MinLeaseSeconds}-{MaxLeaseSeconds}, e.g. 180 (three one-minute passes).")
            : null;
    }

    static string DefaultInstanceId() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Environment.MachineName.ToLowerInvariant()}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..4]}");
}
