namespace Stations.Core.Hardware
{
    /// <summary>Time as the station sees it: monotonic uptime always, wall-clock UTC only once synchronised.</summary>
    public interface IClock
    {
        /// <summary>Milliseconds since boot; never goes backwards, unaffected by SNTP corrections.</summary>
        long UptimeMs { get; }

        /// <summary>True once the wall clock has been set from SNTP (or another trusted source) this boot.</summary>
        bool IsSynced { get; }

        /// <summary>UTC wall clock in Unix milliseconds; meaningful only when <see cref="IsSynced"/> is true.</summary>
        long UtcNowMs { get; }
    }
}
