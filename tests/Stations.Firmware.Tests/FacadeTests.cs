using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Stations.Firmware.Facade;

namespace Stations.Firmware.Tests;

/// <summary>
/// The facade the adapters compile against must mirror the pinned packages: every facade type and member names its
/// package and version, and that version is the one in packages.config (so a package bump forces a facade review).
/// </summary>
[TestClass]
public sealed partial class FacadeTests
{
    private static readonly Assembly FacadeAssembly = typeof(MirrorsAttribute).Assembly;

    [GeneratedRegex("id=\"([^\"]+)\" version=\"([^\"]+)\"")]
    private static partial Regex PackageLine();

    private static Dictionary<string, string> PinnedPackages() => ReadPackages("firmware", "Stations.Firmware");

    private static Dictionary<string, string> ReadPackages(string area, string project) =>
        PackageLine().Matches(File.ReadAllText(RepoPaths.Combine(area, project, "packages.config")))
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);

    // The app's packages plus the device tests' (TestFramework); shared packages must have the same version in both.
    private static Dictionary<string, string> AllPinnedPackages()
    {
        var all = new Dictionary<string, string>(PinnedPackages());
        foreach (var (id, version) in ReadPackages("tests", "Stations.Firmware.DeviceTests"))
        {
            all.TryAdd(id, version);
        }

        return all;
    }

    [TestMethod]
    public void DeviceTestsPinTheSameVersionsAsTheApp()
    {
        var app = PinnedPackages();
        var tests = ReadPackages("tests", "Stations.Firmware.DeviceTests");
        foreach (var (id, version) in app)
        {
            Assert.AreEqual(version, tests.GetValueOrDefault(id), $"{id}: the device tests must use the app's version");
        }

        Assert.AreEqual("3.0.80", tests.GetValueOrDefault("nanoFramework.TestFramework"));
    }

    private static IEnumerable<Type> FacadeTypes() =>
        FacadeAssembly.GetTypes().Where(t => t.Namespace != null && !t.Namespace.StartsWith("Stations.", StringComparison.Ordinal) && !t.Name.StartsWith('<'));

    [TestMethod]
    public void EveryFacadeTypeAndMemberNamesAPinnedPackageVersion()
    {
        var pinned = AllPinnedPackages();
        var problems = new List<string>();
        const BindingFlags declared = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var type in FacadeTypes())
        {
            Check(type, type.FullName!, pinned, problems);
            foreach (var member in type.GetMembers(declared))
            {
                if (member is MethodInfo { IsSpecialName: true } || (type.IsEnum && member.Name == "value__") || (typeof(Delegate).IsAssignableFrom(type) && member.DeclaringType == type && member is MethodInfo or ConstructorInfo))
                {
                    continue; // accessors, enum backing field and compiler-made delegate members follow their owner
                }

                Check(member, type.FullName + "::" + member.Name, pinned, problems);
            }
        }

        Assert.IsEmpty(problems, string.Join(Environment.NewLine, problems));
    }

    [TestMethod]
    [DataRow("firmware", "Stations.Firmware")]
    [DataRow("tests", "Stations.Firmware.DeviceTests")]
    public void NfprojReferencesEveryPinnedPackageAtItsVersion(string area, string project)
    {
        string nfproj = File.ReadAllText(RepoPaths.Combine(area, project, project + ".nfproj"));
        var hintPaths = Regex.Matches(nfproj, @"packages\\([^\\]+?)\.(\d+\.\d+\.\d+)\\lib\\").Select(m => (m.Groups[1].Value, m.Groups[2].Value)).Distinct().ToArray();
        var pinned = ReadPackages(area, project);
        foreach (var (id, version) in hintPaths)
        {
            Assert.IsTrue(pinned.TryGetValue(id, out var pinnedVersion), $"{id} is referenced by the .nfproj but not in packages.config");
            Assert.AreEqual(pinnedVersion, version, $"{id}: .nfproj HintPath and packages.config disagree");
        }

        CollectionAssert.AreEquivalent(pinned.Keys.ToArray(), hintPaths.Select(h => h.Item1).Distinct().ToArray(), "every pinned package is referenced");
    }

    [TestMethod]
    public void RequiredPackagesArePinnedExactly()
    {
        var pinned = PinnedPackages();
        var expected = new Dictionary<string, string>
        {
            ["nanoFramework.CoreLibrary"] = "1.17.11",
            ["nanoFramework.M2Mqtt"] = "5.1.220",
            ["nanoFramework.System.Device.Gpio"] = "1.1.62",
            ["nanoFramework.Hardware.Esp32"] = "1.6.42",
            ["nanoFramework.System.IO.FileSystem"] = "1.1.93",
            ["nanoFramework.System.Device.Wifi"] = "1.5.147",
            ["nanoFramework.Networking.Sntp"] = "1.6.42",
            ["nanoFramework.Runtime.Native"] = "1.7.11",
            ["nanoFramework.System.IO.Ports"] = "1.1.139",
        };
        foreach (var (id, version) in expected)
        {
            Assert.AreEqual(version, pinned.GetValueOrDefault(id), id);
        }

        Assert.IsTrue(pinned.ContainsKey("nanoFramework.Iot.Device.Dhtxx.Esp32"));
    }

    [TestMethod]
    public void NfprojCompilesEverySourceFileOfTheFolder()
    {
        string folder = RepoPaths.Combine("firmware", "Stations.Firmware");
        var doc = XDocument.Load(Path.Combine(folder, "Stations.Firmware.nfproj"));
        var listed = doc.Descendants().Where(e => e.Name.LocalName == "Compile").Select(e => e.Attribute("Include")!.Value.Replace('\\', '/')).Order().ToArray();
        var onDisk = Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("bin/", StringComparison.Ordinal) && !f.StartsWith("obj/", StringComparison.Ordinal))
            .Order().ToArray();
        CollectionAssert.AreEqual(onDisk, listed, "add new .cs files to Stations.Firmware.nfproj (the device build lists them one by one)");
        StringAssert.Contains(doc.ToString(), "{11A8DD76-328B-46DF-9F39-F559912D0360}");
    }

    private static void Check(MemberInfo member, string name, Dictionary<string, string> pinned, List<string> problems)
    {
        var mirrors = member.GetCustomAttribute<MirrorsAttribute>();
        if (mirrors == null)
        {
            problems.Add(name + ": no [Mirrors] attribute");
        }
        else if (!pinned.TryGetValue(mirrors.Package, out var version))
        {
            problems.Add(name + ": package " + mirrors.Package + " is not in packages.config");
        }
        else if (version != mirrors.Version)
        {
            problems.Add(name + ": mirrors " + mirrors.Package + " " + mirrors.Version + " but packages.config pins " + version);
        }
    }
}
