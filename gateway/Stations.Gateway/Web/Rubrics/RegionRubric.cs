namespace Stations.Gateway.Web.Rubrics;

/// <summary>The rubric (id and version) an administrator chose for a region; lower regions without a choice inherit it.</summary>
public sealed class RegionRubric
{
    /// <summary>The region.</summary>
    public long RegionId { get; set; }

    /// <summary>The rubric's id.</summary>
    public string RubricId { get; set; } = "";

    /// <summary>The rubric's version.</summary>
    public string Version { get; set; } = "";

    /// <summary>Who chose it.</summary>
    public string ChosenBy { get; set; } = "";

    /// <summary>When, UTC ms.</summary>
    public long ChosenAtMs { get; set; }
}
