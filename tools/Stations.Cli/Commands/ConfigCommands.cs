using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using Stations.Core.Protocol;
using Stations.Core.Station;

namespace Stations.Cli.Commands;

/// <summary>`config validate` and `config diff`: the station's own validator and hash, run on the technician's laptop.</summary>
public static class ConfigCommands
{
    /// <summary>Builds the `config` command with its subcommands.</summary>
    public static Command Build(CliContext context)
    {
        var text = context.Text;
        var config = new Command("config", text["ConfigDescription"]);

        var file = new Argument<FileInfo>("file") { Description = text["ValidateFileArgument"] };
        var validate = new Command("validate", text["ValidateDescription"]) { file };
        validate.SetAction(parse => Validate(context, parse.GetValue(file)!));
        config.Subcommands.Add(validate);

        var oldFile = new Argument<FileInfo>("a") { Description = text["DiffOldArgument"] };
        var newFile = new Argument<FileInfo>("b") { Description = text["DiffNewArgument"] };
        var diff = new Command("diff", text["DiffDescription"]) { oldFile, newFile };
        diff.SetAction(parse => Diff(context, parse.GetValue(oldFile)!, parse.GetValue(newFile)!));
        config.Subcommands.Add(diff);
        return config;
    }

    /// <summary>Validates one config file with the station's validator and the board's pin rules; prints the message (field and fix) when it is refused.</summary>
    public static int Validate(CliContext context, FileInfo file)
    {
        byte[]? bytes = ReadBytes(context, file);
        if (bytes == null) return ExitCodes.Usage;
        if (!StationConfig.TryParse(bytes, 0, bytes.Length, out StationConfig config, out string message))
        {
            context.Error.WriteLine(context.Text.Format("ConfigInvalid", file.Name, message));
            return ExitCodes.Failed;
        }
        var pinProblems = Provisioning.WroverPinCheck.Check(config);
        if (pinProblems.Count > 0)
        {
            context.Error.WriteLine(file.Name + ": " + context.Text.Format("ProvisionPinsInvalid", string.Join(Environment.NewLine + "  ", pinProblems)));
            return ExitCodes.Failed;
        }

        context.Output.WriteLine(context.Text.Format("ConfigValid", file.Name, config.StationId, config.Hash));
        return ExitCodes.Ok;
    }

    /// <summary>Prints both hashes and a table of the fields that differ; 0 when none differ.</summary>
    public static int Diff(CliContext context, FileInfo a, FileInfo b)
    {
        var text = context.Text;
        byte[]? bytesA = ReadBytes(context, a);
        byte[]? bytesB = ReadBytes(context, b);
        if (bytesA == null || bytesB == null) return ExitCodes.Usage;
        var fieldsA = Flatten(context, a, bytesA);
        var fieldsB = Flatten(context, b, bytesB);
        if (fieldsA == null || fieldsB == null) return ExitCodes.Usage;

        context.Output.WriteLine(text.Format("DiffHash", Crc32.ToHex(Crc32.Compute(bytesA)), a.Name));
        context.Output.WriteLine(text.Format("DiffHash", Crc32.ToHex(Crc32.Compute(bytesB)), b.Name));
        var differences = ConfigFieldDiff.Compare(fieldsA, fieldsB);
        if (differences.Count == 0)
        {
            context.Output.WriteLine(text["DiffSame"]);
            return ExitCodes.Ok;
        }

        var table = new Table().AddColumn(text["DiffField"]).AddColumn(Markup.Escape(a.Name)).AddColumn(Markup.Escape(b.Name));
        foreach (var d in differences)
            table.AddRow(Markup.Escape(d.Field), Markup.Escape(d.Old ?? text["DiffAbsent"]), Markup.Escape(d.New ?? text["DiffAbsent"]));
        PlainConsole.For(context.Output).Write(table);
        context.Output.WriteLine(text.Format("DiffCount", differences.Count));
        return ExitCodes.Failed;
    }

    private static SortedDictionary<string, string>? Flatten(CliContext context, FileInfo file, byte[] bytes)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes);
            return ConfigFieldDiff.Flatten(document.RootElement);
        }
        catch (JsonException ex)
        {
            context.Error.WriteLine(context.Text.Format("NotJson", file.Name, ex.Message));
            return null;
        }
    }

    /// <summary>The file's bytes, or null after printing why it cannot be read.</summary>
    internal static byte[]? ReadBytes(CliContext context, FileInfo file)
    {
        try
        {
            return File.ReadAllBytes(file.FullName);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine(context.Text.Format("FileUnreadable", file.FullName, ex.Message));
            return null;
        }
    }
}
