using System.Diagnostics;
using Stations.Core.Link;
using Stations.Core.Protocol;
using Stations.Core.Station;
using Stations.Gateway.Protocol;

namespace Stations.Bench.Fuzz;

/// <summary>
/// Feeds fuzzed inputs to the gateway's <see cref="MessageValidator"/> and the Core decoders (<see cref="JsonReader"/>,
/// the `cmd` path of <see cref="CommandProcessor"/>, <see cref="StationConfig.TryParse"/>) and records each outcome.
/// The contract checked: no exception ever; every input is either accepted or refused with a reason.
/// </summary>
public sealed class FuzzRunner
{
    // A fresh command rig every so often keeps the outbox and the command memory from filling up.
    const int InputsPerCommandRig = 256;

    readonly FuzzStation station = new();
    CommandProcessor processor = null!;
    OutboundMessages messages = null!;
    int rigUses = InputsPerCommandRig;

    /// <summary>Runs <paramref name="inputs"/> inputs made from the golden vectors in <paramref name="validFolder"/>.</summary>
    public FuzzReport Run(string validFolder, long inputs, int seed)
    {
        var generator = new FuzzInputGenerator(FuzzInputGenerator.LoadGoldenVectors(validFolder), seed);
        var report = new FuzzReport();
        var watch = Stopwatch.StartNew();
        for (long i = 0; i < inputs; i++)
        {
            Feed(generator.Next(), report);
        }

        report.Inputs = inputs;
        report.Elapsed = watch.Elapsed;
        return report;
    }

    /// <summary>Feeds one input to every decoder.</summary>
    public void Feed(FuzzInput input, FuzzReport report)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(report);
        Guard(report, "gateway", input, () => Gateway(input));
        Guard(report, "json", input, () => Json(input.Payload));
        Guard(report, "cmd", input, () => Command(input.Payload));
        Guard(report, "config", input, () => Config(input.Payload));
    }

    static void Guard(FuzzReport report, string decoder, FuzzInput input, Func<string?> decode)
    {
        string? outcome;
        try
        {
            outcome = decode();
        }
#pragma warning disable CA1031 // the point of fuzzing: any exception is a finding, recorded with its input
        catch (Exception e)
#pragma warning restore CA1031
        {
            report.Count(decoder, "CRASH " + e.GetType().Name);
            report.Crashes.Add(decoder + ": " + e.GetType().Name + ": " + e.Message + " on " + Describe(input));
            return;
        }

        if (string.IsNullOrWhiteSpace(outcome))
        {
            report.Count(decoder, "NO REASON");
            report.Unexplained.Add(decoder + " on " + Describe(input));
            return;
        }

        report.Count(decoder, outcome);
    }

    static string Describe(FuzzInput input) => input.Topic + " " + Convert.ToBase64String(input.Payload);

    static string? Gateway(FuzzInput input)
    {
        var result = MessageValidator.Validate(input.Topic, input.Payload);
        return result.IsValid ? "valid " + result.Message!.Kind : result.Reason;
    }

    static string? Json(byte[] payload)
    {
        var reader = new JsonReader(payload, 0, payload.Length);
        while (true)
        {
            switch (reader.Read())
            {
                case JsonToken.End:
                    return "valid";
                case JsonToken.Error:
                    return reader.Error;
            }
        }
    }

    string? Command(byte[] payload)
    {
        if (rigUses++ >= InputsPerCommandRig)
        {
            var store = new MemoryFlashStore();
            var outbox = new Outbox(store, Outbox.DefaultBudgetBytes, Outbox.DefaultSlotsPerSegment);
            outbox.Open(new System.Collections.ArrayList());
            messages = new OutboundMessages(outbox, station, 0x9f3a1c07);
            var memory = new CommandMemory(store);
            memory.Load();
            processor = new CommandProcessor(station, station, messages, memory, "1.0.0");
            rigUses = 1;
        }

        station.LastExecuted = null;
        var seqBefore = messages.LastSeq;
        processor.Handle(new ReceivedMessage("ss/v1/gz-gy-0001/cmd", payload, retain: false));
        if (station.LastExecuted != null)
        {
            return "executed " + station.LastExecuted;
        }

        if (processor.LastIgnoredReason != null)
        {
            return "ignored: " + processor.LastIgnoredReason;
        }

        return messages.LastSeq != seqBefore ? "refused with a result" : null;
    }

    static string? Config(byte[] payload)
    {
        var (offset, count) = ConfigObjectIn(payload);
        return StationConfig.TryParse(payload, offset, count, out var config, out var error)
            ? (config != null ? "valid" : null)
            : error;
    }

    // For a `config.set` command the config is args.config; anything else is parsed whole.
    static (int Offset, int Count) ConfigObjectIn(byte[] payload)
    {
        var key = "\"config\""u8;
        var at = payload.AsSpan().IndexOf(key);
        if (at < 0)
        {
            return (0, payload.Length);
        }

        var reader = new JsonReader(payload, 0, payload.Length);
        while (true)
        {
            var token = reader.Read();
            if (token is JsonToken.End or JsonToken.Error)
            {
                return (0, payload.Length);
            }

            if (token == JsonToken.PropertyName && reader.NameEquals("config"))
            {
                if (reader.Read() != JsonToken.StartObject)
                {
                    return (0, payload.Length);
                }

                var start = reader.TokenStart;
                reader.Skip();
                return reader.Token == JsonToken.Error ? (0, payload.Length) : (start, reader.ValueEnd - start);
            }
        }
    }
}
