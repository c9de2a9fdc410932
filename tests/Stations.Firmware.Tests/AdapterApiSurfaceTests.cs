using Stations.Firmware.Board;

namespace Stations.Firmware.Tests;

/// <summary>
/// The adapters compile on .NET against the facade, but their calls into BCL types (File, FileStream, String, Thread …)
/// bind to the real .NET assemblies. This test reads the compiled adapter assembly and requires every such member to be
/// on the nanoFramework allow-list (nanoframework-adapter-api.txt), so a call to an overload the device lacks fails CI.
/// </summary>
[TestClass]
public sealed class AdapterApiSurfaceTests
{
    // Our own assemblies; everything else referenced must be nanoFramework API.
    private static readonly string[] ProjectAssemblies = ["Stations.Core", "Stations.Firmware.Facade"];

    // Emitted by the .NET compiler on auto-property backing fields because the attribute exists there; nanoFramework's
    // mscorlib has no such type, so the device compiler leaves it out. It is metadata only and never called.
    private const string HostOnlyCompilerAttribute = "void System.Runtime.CompilerServices.CompilerGeneratedAttribute::.ctor()";

    [TestMethod]
    public void AdaptersReferenceOnlyNanoFrameworkApi()
    {
        var allowed = AllowList();
        var outside = NanoApiReferences.Read(typeof(PinMap).Assembly.Location)
            .Where(r => !ProjectAssemblies.Contains(r.Assembly))
            .Select(r => r.Member)
            .Where(m => m != HostOnlyCompilerAttribute && !allowed.Contains(m))
            .Distinct()
            .Order()
            .ToArray();

        Assert.IsEmpty(outside, "the adapters reference BCL members nanoFramework does not have (or that are not yet on " +
            "tests/Stations.Firmware.Tests/nanoframework-adapter-api.txt):" + Environment.NewLine + string.Join(Environment.NewLine, outside));
    }

    [TestMethod]
    public void TheCheckSeesTheAdaptersAndCatchesADesktopOnlyOverload()
    {
        var referenced = NanoApiReferences.Read(typeof(PinMap).Assembly.Location).Select(r => r.Member).ToHashSet();
        Assert.Contains("static void System.IO.File::Move(string, string)", referenced, "the reader sees BCL calls");
        Assert.Contains("static void System.Threading.Monitor::Enter(object)", referenced);

        // The traps the allow-list exists for: desktop-only overloads must not be on it.
        var allowed = AllowList();
        Assert.DoesNotContain("static void System.Threading.Monitor::Enter(object, ref bool)", allowed);
        Assert.DoesNotContain("bool System.Threading.WaitHandle::WaitOne(int)", allowed);
        Assert.DoesNotContain("static string System.String::Format(string, object, object)", allowed);
    }

    private static HashSet<string> AllowList() =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "nanoframework-adapter-api.txt"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line[..line.LastIndexOf(" | ", StringComparison.Ordinal)])
            .ToHashSet(StringComparer.Ordinal);
}
