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

    /// <summary>vm.max_map_count that the P2/P3 runs ask for (the kernel's default, 65,530, is too low: see <see cref="MaxMapCount"/>).</summary>
    public const long RecommendedMaxMapCount = 262_144;

    /// <summary>The current soft limit, or -1 when it cannot be read (not Linux).</summary>
    public static long Current() => OperatingSystem.IsLinux() && GetRLimit(RlimitNoFile, out var limit) == 0 ? (long)limit.Current : -1;

    /// <summary>The hard limit (the most an unprivileged process can raise its soft limit to), or -1 when it cannot be read.</summary>
    public static long Hard() => OperatingSystem.IsLinux() && GetRLimit(RlimitNoFile, out var limit) == 0 ? (long)limit.Maximum : -1;

    /// <summary>
    /// `vm.max_map_count` (memory mappings one process may hold), or -1 when it cannot be read. A .NET process that
    /// exceeds it gets ENOMEM from mmap/mprotect and dies with "Out of memory." although memory is free.
    /// </summary>
    public static long MaxMapCount()
    {
        try
        {
            return long.Parse(File.ReadAllText("/proc/sys/vm/max_map_count").Trim(), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return -1;
        }
    }

    /// <summary>Descriptors a process holds now (entries of /proc/{pid}/fd), or -1 when it cannot be read.</summary>
    public static int OpenFiles(int processId) => CountEntries($"/proc/{processId}/fd", directory: true);

    /// <summary>Memory mappings a process holds now (lines of /proc/{pid}/maps), or -1 when it cannot be read.</summary>
    public static int MemoryMaps(int processId) => CountEntries($"/proc/{processId}/maps", directory: false);

    /// <summary>
    /// Why <paramref name="stations"/> connections do not fit one process's open-file limit, or null when they fit.
    /// <paramref name="ownDescriptors"/> is what the process holds with no connection (assemblies, SQLite, pipes,
    /// epoll, listeners; the .NET runtime keeps every loaded assembly open), <paramref name="spare"/> what it may open
    /// besides while running; <paramref name="estimated"/> when <paramref name="ownDescriptors"/> is not measured yet.
    /// </summary>
    public static string? WhyNotFit(string process, long stations, long ownDescriptors, long spare, long limit, long hard, bool estimated = false)
    {
        var needed = stations + ownDescriptors + spare;
        if (limit < 0 || needed <= limit)
        {
            return null;
        }

        return FormattableString.Invariant(
            $"{stations:N0} connections do not fit the open-file limit of the {process} process: one socket per connection ({stations:N0}) + {(estimated ? "≈ " : "the ")}{ownDescriptors:N0} descriptors it holds with none (open assembly files, SQLite files, pipes, listeners) + {spare:N0} spare = {needed:N0} > {limit:N0} (RLIMIT_NOFILE; hard limit {hard:N0}). ")
            + FormattableString.Invariant($"At most {Math.Max(0, limit - ownDescriptors - spare):N0} stations fit. ")
            + FormattableString.Invariant($"More needs a higher hard limit, which needs root with CAP_SYS_RESOURCE (`ulimit -Hn {needed + 4_096}` in the shell that starts the bench, or the container started with `--ulimit nofile={needed + 4_096}`).");
    }

    static int CountEntries(string path, bool directory)
    {
        try
        {
            return directory ? Directory.GetFileSystemEntries(path).Length : File.ReadLines(path).Count();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return -1;
        }
    }

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
