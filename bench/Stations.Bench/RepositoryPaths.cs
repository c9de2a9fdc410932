namespace Stations.Bench;

/// <summary>Finds files of the repository (the folder holding Stations.sln) from the working or the build folder.</summary>
public static class RepositoryPaths
{
    /// <summary>The repository root; throws with the fix when run outside the repository.</summary>
    public static string Root()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Stations.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new DirectoryNotFoundException("Stations.sln not found above the working folder; run the bench from inside the repository.");
    }

    /// <summary>tests/Fixtures/protocol/valid.</summary>
    public static string ValidVectors() => Path.Combine(Root(), "tests", "Fixtures", "protocol", "valid");
}
