namespace Stations.Ratings.Engine;

/// <summary>How the awarded star came about.</summary>
public enum RatingStatus
{
    /// <summary>The star is what the data earned (after caps).</summary>
    Rated,

    /// <summary>The data earned a higher star, but promotion waits for another qualifying period (hysteresis).</summary>
    PromotionPending,

    /// <summary>Telemetry too sparse (证据不足): the previous star is kept, or none if there was none.</summary>
    EvidenceInsufficient,
}
