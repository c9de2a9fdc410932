using System.Text.Json.Serialization;

namespace Stations.Ratings.Rubrics;

/// <summary>The JSON shape of a rubric file, before validation (every field optional here so errors can name what is missing).</summary>
internal sealed class RubricDocument
{
    [JsonPropertyName("$schema")] public string? Schema { get; set; }
    public string? Id { get; set; }
    public string? Version { get; set; }
    public string? Region { get; set; }
    public string? Description { get; set; }
    public List<GroupDocument>? Groups { get; set; }
    public List<StarDocument>? Stars { get; set; }
    public List<CapDocument>? Caps { get; set; }
    public List<GateDocument>? ProfileGates { get; set; }
    public HysteresisDocument? Hysteresis { get; set; }
    public EvidenceDocument? Evidence { get; set; }
    public double? HeatWaveDayWeight { get; set; }

    internal sealed class TextDocument
    {
        public string? Zh { get; set; }
        public string? En { get; set; }
    }

    internal sealed class GroupDocument
    {
        public string? Id { get; set; }
        public TextDocument? Name { get; set; }
        public double? MaxPoints { get; set; }
        public List<ItemDocument>? Items { get; set; }
    }

    internal sealed class ItemDocument
    {
        public string? Id { get; set; }
        public TextDocument? Name { get; set; }
        public string? Metric { get; set; }
        public double? MaxPoints { get; set; }
        public List<BreakpointDocument>? Breakpoints { get; set; }
        public string? WhenNoData { get; set; }
        public string? Note { get; set; }
    }

    internal sealed class BreakpointDocument
    {
        public double? Value { get; set; }
        public double? Points { get; set; }
    }

    internal sealed class StarDocument
    {
        public int? Stars { get; set; }
        public double? MinScore { get; set; }
    }

    internal sealed class CapDocument
    {
        public string? Id { get; set; }
        public string? Metric { get; set; }
        public double? Below { get; set; }
        public int? MaxStars { get; set; }
        public TextDocument? Reason { get; set; }
    }

    internal sealed class GateDocument
    {
        public int? Stars { get; set; }
        public double? MinAreaSquareMetres { get; set; }
        public int? MinSeats { get; set; }
        public bool? RequiresAed { get; set; }
        public int? MinSpecialServices { get; set; }
    }

    internal sealed class HysteresisDocument
    {
        public int? PromotionConsecutivePeriods { get; set; }
    }

    internal sealed class EvidenceDocument
    {
        public string? Metric { get; set; }
        public double? Minimum { get; set; }
    }
}
