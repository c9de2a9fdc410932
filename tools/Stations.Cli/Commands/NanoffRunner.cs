using System.Diagnostics;

namespace Stations.Cli.Commands;

/// <summary>The result of one nanoff run: its exit code and everything it printed.</summary>
public sealed record NanoffResult(int ExitCode, string Output);

/// <summary>Finds nanoff on PATH and runs it; the process boundary that tests replace with a stub script.</summary>
public sealed class NanoffRunner(string executable)
{
    /// <summary>The full path of the nanoff executable that is run.</summary>
    public string Executable { get; } = executable;

    /// <summary>The nanoff on <paramref name="path"/> (the PATH value), or null when it is not installed.</summary>
    public static NanoffRunner? Find(string? path)
    {
        string[] names = OperatingSystem.IsWindows() ? ["nanoff.exe", "nanoff.cmd", "nanoff"] : ["nanoff"];
        foreach (string directory in (path ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (string name in names)
            {
                string candidate = Path.Combine(directory, name);
                if (File.Exists(candidate)) return new NanoffRunner(candidate);
            }
        }
        return null;
    }

    /// <summary>Runs nanoff with <paramref name="arguments"/>, echoing its output to <paramref name="echo"/>.</summary>
    public async Task<NanoffResult> RunAsync(IReadOnlyList<string> arguments, TextWriter echo, CancellationToken cancel)
    {
        var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new IOException("could not start " + Executable);
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(cancel);
        Task<string> stderr = process.StandardError.ReadToEndAsync(cancel);
        await process.WaitForExitAsync(cancel).ConfigureAwait(false);
        string output = await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false);
        await echo.WriteAsync(output).ConfigureAwait(false);
        return new NanoffResult(process.ExitCode, output);
    }
}
