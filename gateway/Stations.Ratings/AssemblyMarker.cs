namespace Stations.Ratings;

/// <summary>Placeholder until the project has code.</summary>
public static class AssemblyMarker
{
}
