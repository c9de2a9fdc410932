namespace Stations.Cli.Tests;

/// <summary>A stub nanoff (POSIX shell script) first on PATH: records its arguments, prints canned output, copies the file-deployment list.</summary>
internal static class NanoffStub
{
    /// <summary>Writes the stub nanoff into a temp dir; returns the environment whose PATH finds it first.</summary>
    public static Dictionary<string, string> Write(TempDir dir, string deployOutput, int deployExit, string detailsOutput)
    {
        if (OperatingSystem.IsWindows()) Assert.Inconclusive("the nanoff stub is a POSIX shell script");
        string log = Path.Combine(dir.Path, "nanoff.log");
        string deployFile = dir.Write("deploy.out", deployOutput);
        string detailsFile = dir.Write("details.out", detailsOutput);
        string script = dir.Write("nanoff",
            "#!/bin/sh\n" +
            $"echo \"$*\" >> '{log}'\n" +
            "case \"$*\" in\n" +
            "  *--update*) echo 'Updating nanoCLR... OK'; exit 0 ;;\n" +
            $"  *--filedeployment*) cp \"$3\" '{Path.Combine(dir.Path, "files.json.copy")}'; echo 'Deploying files... OK'; exit 0 ;;\n" +
            $"  *--deploy*) cat '{deployFile}'; exit {deployExit} ;;\n" +
            $"  *--devicedetails*) cat '{detailsFile}'; exit 0 ;;\n" +
            "esac\nexit 9\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return new Dictionary<string, string> { ["PATH"] = dir.Path + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"), ["LANG"] = "en" };
    }
}
