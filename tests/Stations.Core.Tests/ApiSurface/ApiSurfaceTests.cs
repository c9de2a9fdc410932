using System.Text.RegularExpressions;
using Stations.Core.Hardware;

namespace Stations.Core.Tests.ApiSurface;

/// <summary>
/// Station logic (firmware/Stations.Core) must run on nanoFramework 1.17: the compiled Core references only the
/// allow-listed nanoFramework API and uses no generics. See docs/nanoframework-subset.md.
/// </summary>
[TestClass]
public sealed class ApiSurfaceTests
{
    /// <summary>What the params rule adds to the allow-list when the fixture is checked (the device has this overload).</summary>
    private const string FormatWithArray = "static string System.String::Format(string, object[])";

    private static string CoreAssemblyPath => typeof(IClock).Assembly.Location;

    private static string FixtureAssemblyPath => Path.Combine(AppContext.BaseDirectory, "SubsetViolation", "SubsetViolation.dll");

    [TestMethod]
    public void CoreUsesOnlyTheNanoFrameworkSubset()
    {
        IReadOnlyList<SubsetViolation> violations = NanoSubsetChecker.Check(CoreAssemblyPath, AllowList.Load(AllowList.DefaultPath));
        Assert.IsEmpty(violations, NanoSubsetChecker.Describe(violations, "Stations.Core"));
    }

    [TestMethod]
    public void AllowListLinesNameAPackageAndAMember()
    {
        var package = new Regex(@"^((nanoFramework|UnitsNet|Iot)\.[A-Za-z0-9.]+ [0-9][0-9A-Za-z.\-]*|compiler-optional)$");
        string[] lines = File.ReadAllLines(AllowList.DefaultPath);
        var problems = new List<string>();
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            string[] parts = line.Split(" | ");
            string member = parts.Length > 1 ? parts[1] : "";
            if (parts.Length < 2 || !package.IsMatch(parts[0]))
            {
                problems.Add("line " + (i + 1) + ": the first column must be '<nanoFramework package> <version>' or 'compiler-optional': " + line);
            }
            else if (!member.StartsWith("type ", StringComparison.Ordinal) && !member.Contains("::", StringComparison.Ordinal))
            {
                problems.Add("line " + (i + 1) + ": the member must be 'type X' or a member with '::', as in the reference: " + line);
            }
            else if (member.Contains('`', StringComparison.Ordinal) || member.Contains("!0", StringComparison.Ordinal))
            {
                problems.Add("line " + (i + 1) + ": generic members cannot be used on nanoFramework 1.17: " + line);
            }
            else if (parts[0] == "compiler-optional" && parts.Length < 3)
            {
                problems.Add("line " + (i + 1) + ": a compiler-optional entry needs a third column saying why: " + line);
            }
        }

        Assert.IsEmpty(problems, string.Join("\n", problems));
        AllowList.Load(AllowList.DefaultPath); // no duplicates
    }

    [TestMethod]
    public void FixtureWithListAndLinqFailsNamingBoth()
    {
        IReadOnlyList<SubsetViolation> violations = CheckFixture();
        string message = NanoSubsetChecker.Describe(violations, "SubsetViolation");

        SubsetViolation list = Find(violations, "generic type System.Collections.Generic.List<int>", message);
        StringAssert.Contains(list.Fix, "ArrayList");
        CollectionAssert.Contains(list.Sites.ToList(), "SubsetViolation.BadStationCode::SumOfPositiveEven");

        SubsetViolation linq = Find(violations, "type System.Linq.Enumerable is not on the allow-list", message);
        StringAssert.Contains(linq.Fix, "no LINQ");
        CollectionAssert.Contains(linq.Sites.ToList(), "SubsetViolation.BadStationCode::SumOfPositiveEven");

        StringAssert.Contains(Find(violations, "generic method instantiation System.Linq.Enumerable::Where<int>", message).Fix, "loop");
        Find(violations, "generic type definition SubsetViolation.Box`1", message);
        StringAssert.Contains(Find(violations, "static long System.Math::Max(long, long) is not on the allow-list", message).Fix, "no long overloads");
    }

    [TestMethod]
    public void ParamsRuleTheHostOverloadMustExistOnTheDevice()
    {
        // Decision: the overload the host compiler picked must itself be on the allow-list. String.Format(fmt, a, b)
        // binds to Format(string, object, object) on .NET, which nanoFramework lacks, so it is reported with the fix
        // (pass an explicit object[]); the same call written with new object[] { a, b } passes.
        IReadOnlyList<SubsetViolation> violations = CheckFixture();
        string message = NanoSubsetChecker.Describe(violations, "SubsetViolation");
        SubsetViolation format = Find(violations, "static string System.String::Format(string, object, object) is not on the allow-list", message);
        StringAssert.Contains(format.Fix, "nanoFramework has only '" + FormatWithArray + "'");
        CollectionAssert.AreEqual(new[] { "SubsetViolation.BadStationCode::Describe" }, format.Sites.ToArray());
        Assert.IsFalse(violations.Any(v => v.Sites.Any(s => s.StartsWith("SubsetViolation.GoodStationCode", StringComparison.Ordinal))),
            "GoodStationCode uses only nanoFramework members:\n" + message);
    }

    [TestMethod]
    public void FailureMessageListsEveryViolationOnItsOwnLine()
    {
        IReadOnlyList<SubsetViolation> violations = CheckFixture();
        string[] lines = NanoSubsetChecker.Describe(violations, "SubsetViolation").Split(Environment.NewLine);
        Assert.HasCount(violations.Count + 1, lines);
        StringAssert.StartsWith(lines[0], "SubsetViolation uses " + violations.Count + " thing(s)");
        foreach (string line in lines.Skip(1))
        {
            StringAssert.StartsWith(line, "  - ");
            StringAssert.Contains(line, " (in ");
            StringAssert.Contains(line, ") -> ");
        }
    }

    [TestMethod]
    public void EmptyAllowListReportsEveryExternalReferenceOfCore()
    {
        // Proves the Core check looks at real references: without the list, even System.Object is reported.
        IReadOnlyList<SubsetViolation> violations = NanoSubsetChecker.Check(CoreAssemblyPath, AllowList.Parse([]));
        Find(violations, "type System.Object is not on the allow-list", NanoSubsetChecker.Describe(violations, "Stations.Core"));
        Find(violations, "static string System.String::Concat(string, string) is not on the allow-list", "");
    }

    [TestMethod]
    public void MalformedAllowListLineIsRejectedWithItsLineNumber()
    {
        var error = Assert.ThrowsExactly<FormatException>(() => AllowList.Parse(["# comment", "type System.Object"]));
        StringAssert.Contains(error.Message, "line 2");
    }

    private static IReadOnlyList<SubsetViolation> CheckFixture()
    {
        Assert.IsTrue(File.Exists(FixtureAssemblyPath), "the fixture assembly is missing: " + FixtureAssemblyPath);
        return NanoSubsetChecker.Check(FixtureAssemblyPath, AllowList.Load(AllowList.DefaultPath).With(FormatWithArray));
    }

    private static SubsetViolation Find(IReadOnlyList<SubsetViolation> violations, string what, string message)
    {
        SubsetViolation? found = violations.FirstOrDefault(v => v.What == what);
        Assert.IsNotNull(found, "expected a violation '" + what + "' in:\n" + message);
        return found;
    }
}
