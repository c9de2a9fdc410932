using System.Runtime.InteropServices;

namespace Stations.Bench.Fleet;

/// <summary>
/// The process's open-file limit (`ulimit -n`): every MQTT connection is a socket, and one process holding N station
/// connections (or a gateway accepting them) needs N descriptors plus a few hundred. Linux only; raising the hard
/// limit needs root (or CAP_SYS_RESOURCE), otherwise the soft limit goes up to the hard one.
/// </summary>
public static class OpenFileLimit
{
    const int RlimitNoFile = 7; // RLIMIT_NOFILE on Linux

    /// <summary>The current soft limit, or -1 when it cannot be read (not Linux).</summary>
    public static long Current() => OperatingSystem.IsLinux() && GetRLimit(RlimitNoFile, out var limit) == 0 ? (long)limit.Current : -1;

    /// <summary>
    /// Raises the soft (and if needed the hard) limit to at least <paramref name="wanted"/>; returns the limit in force
    /// afterwards. Children started later inherit it (the gateway process of the P2/P3 runs).
    /// </summary>
    public static long RaiseTo(long wanted)
    {
        if (!OperatingSystem.IsLinux() || GetRLimit(RlimitNoFile, out var limit) != 0)
        {
            return -1;
        }

        if ((long)limit.Current >= wanted)
        {
            return (long)limit.Current;
        }

        var raised = new RLimit { Current = (ulong)wanted, Maximum = Math.Max(limit.Maximum, (ulong)wanted) };
        if (SetRLimit(RlimitNoFile, ref raised) != 0)
        {
            // Not allowed to raise the hard limit: take what the hard limit allows.
            raised = new RLimit { Current = limit.Maximum, Maximum = limit.Maximum };
            _ = SetRLimit(RlimitNoFile, ref raised);
        }

        return Current();
    }

    [StructLayout(LayoutKind.Sequential)]
    struct RLimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    // DllImport rather than LibraryImport: the generated marshalling would need unsafe code enabled for the project.
#pragma warning disable SYSLIB1054
    [DllImport("libc", EntryPoint = "getrlimit")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    static extern int GetRLimit(int resource, out RLimit limit);

    [DllImport("libc", EntryPoint = "setrlimit")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    static extern int SetRLimit(int resource, ref RLimit limit);
#pragma warning restore SYSLIB1054
}
