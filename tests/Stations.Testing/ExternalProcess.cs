using System.Diagnostics;
using System.Text;

namespace Stations.Testing;

/// <summary>Runs a short-lived command to completion and fails with its output when it exits non-zero.</summary>
public static class ExternalProcess
{
    /// <summary>Runs <paramref name="fileName"/> with <paramref name="arguments"/>; returns stdout.</summary>
    public static async Task<string> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        var output = await stdout.ConfigureAwait(false);
        var errors = await stderr.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            var message = new StringBuilder()
                .Append(fileName).Append(' ').Append(string.Join(' ', info.ArgumentList))
                .Append(" exited with ").Append(process.ExitCode).Append(": ").Append(errors).Append(output);
            throw new InvalidOperationException(message.ToString());
        }

        return output;
    }
}
