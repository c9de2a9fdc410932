using System.Text.Json.Nodes;
using Stations.Gateway.Commands;

namespace Stations.Gateway.Tests.Protocol;

[TestClass]
public sealed class CommandValidatorVectorTests
{
    static string Folder(string kind)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "Fixtures", "protocol", kind);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/Fixtures/protocol");
    }

    [TestMethod]
    public void EveryValidCommandVectorMayBeSent()
    {
        var failures = Directory.GetFiles(Folder("valid"), "cmd.*.json")
            .Select(f => (Name: Path.GetFileName(f), Reason: CommandValidator.Check(File.ReadAllBytes(f))))
            .Where(r => r.Reason != null).Select(r => r.Name + ": " + r.Reason).ToList();
        Assert.IsEmpty(failures, string.Join("\n", failures));
    }

    [TestMethod]
    public void EveryInvalidCommandVectorIsRefusedWithItsReason()
    {
        var files = Directory.GetFiles(Folder("invalid"), "cmd.*.json");
        Assert.IsGreaterThan(10, files.Length);
        var failures = new List<string>();
        foreach (var file in files)
        {
            var expected = File.ReadAllText(Path.ChangeExtension(file, ".reason"));
            var actual = CommandValidator.Check(File.ReadAllBytes(file));
            if (actual != expected)
            {
                failures.Add($"{Path.GetFileName(file)}: expected '{expected}', got '{actual ?? "valid"}'");
            }
        }

        Assert.IsEmpty(failures, string.Join("\n", failures));
    }

    [TestMethod]
    public void ACommandWithoutItsDeviceIsNotSent() =>
        Assert.AreEqual("bad-field: args.dev", CommandValidator.Check(System.Text.Encoding.UTF8.GetBytes(
            new JsonObject { ["id"] = "c-1", ["name"] = "outlet.stop", ["exp"] = 1763903600000L }.ToJsonString())));
}
