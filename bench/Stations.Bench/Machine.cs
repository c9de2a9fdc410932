using System.Runtime.InteropServices;

namespace Stations.Bench;

/// <summary>The machine line every bench prints under its figures, and the load average it ran under.</summary>
public static class Machine
{
    /// <summary>The 1-, 5- and 15-minute load averages (`/proc/loadavg`), or "unknown" off Linux.</summary>
    public static string Load() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    /// <summary>"machine: N cores, OS, runtime, architecture, load …".</summary>
    public static string Describe() =>
        $"machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.ProcessArchitecture}, load {Load()}";
}
