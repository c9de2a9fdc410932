namespace Stations.Bench;

/// <summary>Helpers for a child process the bench starts in its own temp folder (gateway, Mosquitto): its log and clean-up.</summary>
public static class ChildProcessFolder
{
    static readonly Lock LogLock = new();

    /// <summary>Starts <paramref name="info"/> with its stdout and stderr appended to <paramref name="log"/>.</summary>
    public static System.Diagnostics.Process Start(System.Diagnostics.ProcessStartInfo info, string log)
    {
        ArgumentNullException.ThrowIfNull(info);
        info.UseShellExecute = false;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        var started = System.Diagnostics.Process.Start(info) ?? throw new InvalidOperationException("Could not start " + info.FileName);
        started.OutputDataReceived += (_, e) => AppendLog(log, e.Data);
        started.ErrorDataReceived += (_, e) => AppendLog(log, e.Data);
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        return started;
    }

    /// <summary>Appends a line of the child's output to its log (stdout and stderr arrive on different threads).</summary>
    public static void AppendLog(string path, string? line)
    {
        if (line == null)
        {
            return;
        }

        lock (LogLock)
        {
            File.AppendAllText(path, line + Environment.NewLine);
        }
    }

    /// <summary>Keeps <paramref name="logName"/> next to <paramref name="folder"/> (for a failed run's post-mortem) and deletes the folder.</summary>
    public static void KeepLogAndDelete(string folder, string logName)
    {
        try
        {
            var log = Path.Combine(folder, logName);
            if (File.Exists(log))
            {
                File.Copy(log, folder + "." + logName, overwrite: true);
            }

            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temp folder is harmless
        }
    }
}
