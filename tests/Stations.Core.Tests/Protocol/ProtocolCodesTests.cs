using System.Reflection;
using System.Text.RegularExpressions;
using Stations.Core.Protocol;

namespace Stations.Core.Tests.Protocol;

/// <summary>ProtocolCodes and docs/protocol.md name the same strings.</summary>
[TestClass]
public sealed class ProtocolCodesTests
{
    private static readonly string[] FieldNames = ["type", "id", "name", "args", "exp"];

    private static readonly Lazy<string> ProtocolDoc = new(() => File.ReadAllText(FindDoc()));

    [TestMethod]
    public void EveryCodeAppearsInTheProtocolDocument()
    {
        var missing = StringConstants()
            .Where(c => !ProtocolDoc.Value.Contains("`" + c.Value, StringComparison.Ordinal) &&
                !ProtocolDoc.Value.Contains("\"" + c.Value + "\"", StringComparison.Ordinal))
            .Select(c => c.Name + " = \"" + c.Value + "\"")
            .ToList();
        Assert.IsEmpty(missing, "constants not written as `code` or \"code\" in docs/protocol.md:\n" + string.Join("\n", missing));
    }

    [TestMethod]
    public void EveryEventTypeAndCommandInTheDocumentHasAConstant()
    {
        var values = StringConstants().Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (string section in new[] { "## Events", "## Commands" })
        {
            int start = ProtocolDoc.Value.IndexOf(section, StringComparison.Ordinal);
            Assert.IsGreaterThanOrEqualTo(0, start, section + " not found in docs/protocol.md");
            int end = ProtocolDoc.Value.IndexOf("\n## ", start + 3, StringComparison.Ordinal);
            string text = ProtocolDoc.Value[start..(end < 0 ? ProtocolDoc.Value.Length : end)];
            foreach (Match row in Regex.Matches(text, @"^\| ((?:`[a-z.\-]+`(?: / )?)+) \|", RegexOptions.Multiline))
            {
                foreach (Match code in Regex.Matches(row.Groups[1].Value, "`([a-z.\\-]+)`"))
                {
                    // Header rows and the command envelope table name fields, not codes.
                    if (!values.Contains(code.Groups[1].Value) && !FieldNames.Contains(code.Groups[1].Value))
                    {
                        missing.Add(code.Groups[1].Value);
                    }
                }
            }
        }

        Assert.IsEmpty(missing, "in docs/protocol.md but not in ProtocolCodes: " + string.Join(", ", missing));
    }

    private static IEnumerable<(string Name, string Value)> StringConstants() =>
        typeof(ProtocolCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (f.Name, (string)f.GetRawConstantValue()!));

    private static string FindDoc()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "docs", "protocol.md");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("docs/protocol.md not found above " + AppContext.BaseDirectory);
    }
}
