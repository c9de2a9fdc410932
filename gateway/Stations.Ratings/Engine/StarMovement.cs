namespace Stations.Ratings.Engine;

/// <summary>How the awarded star moved against the previous period.</summary>
public enum StarMovement
{
    /// <summary>No earlier star to compare with.</summary>
    New,

    /// <summary>Same star as before.</summary>
    Unchanged,

    /// <summary>More stars than before.</summary>
    Promoted,

    /// <summary>Fewer stars than before.</summary>
    Demoted,

    /// <summary>No star awarded (evidence insufficient and never rated).</summary>
    Unrated,
}
