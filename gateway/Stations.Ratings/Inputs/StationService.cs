using Stations.Ratings.Rubrics;

namespace Stations.Ratings.Inputs;

/// <summary>One service a station may offer: its code, its name, and whether it counts as a special service.</summary>
public sealed record StationService(string Code, LocalizedText Name, bool Special);
