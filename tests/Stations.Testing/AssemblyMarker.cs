namespace Stations.Testing;

/// <summary>Placeholder until the project has code.</summary>
public static class AssemblyMarker
{
}
