using System.CommandLine;
using System.Globalization;
using Stations.Simulator.Faults;
using Stations.Simulator.Fleet;
using Stations.Simulator.Link;
using Stations.Simulator.Profiles;

namespace Stations.Simulator.Cli;

/// <summary>The command line: options, their defaults, and turning them into <see cref="FleetOptions"/>.</summary>
public static class SimulatorCommand
{
    private static readonly Option<string> Broker = new("--broker") { Description = "MQTT broker host:port (the gateway's embedded broker by default).", DefaultValueFactory = _ => "localhost:1883" };
    private static readonly Option<int> StationCount = new("--stations", "-n") { Description = "Number of virtual stations.", DefaultValueFactory = _ => 10 };
    private static readonly Option<string> IdPrefix = new("--id-prefix") { Description = "Station ids are PREFIX-0001, PREFIX-0002 …", DefaultValueFactory = _ => "sim" };
    private static readonly Option<string> Profiles = new("--profiles") { Description = "Profile mix name:weight,… (busy, quiet, smart, neglected).", DefaultValueFactory = _ => StationProfiles.DefaultMix };
    private static readonly Option<long> Seed = new("--seed") { Description = "Seed of every random choice; the same seed gives the same run.", DefaultValueFactory = _ => 1 };
    private static readonly Option<double> Acceleration = new("--acceleration", "-x") { Description = "Virtual seconds per real second (1440 = a day a minute).", DefaultValueFactory = _ => 60 };
    private static readonly Option<TimeSpan?> Duration = new("--duration") { Description = "Real time to run, e.g. 00:10:00 (default: until Ctrl+C)." };
    private static readonly Option<string> Faults = new("--faults") { Description = "Random fault rates per station-day: none, default, or sensor=,relay=,wifi=,power=,clock=,flash=.", DefaultValueFactory = _ => "none" };
    private static readonly Option<int> TickMs = new("--tick-ms") { Description = "Virtual ms between two main-loop passes of a station.", DefaultValueFactory = _ => 1000 };
    private static readonly Option<FileInfo?> PasswordFile = new("--password-file") { Description = "File of 'station-id password' lines (default: derive demo passwords)." };
    private static readonly Option<string> DemoSecret = new("--demo-secret") { Description = "Shared demo secret: password = first 32 hex of HMAC-SHA256(secret, station id).", DefaultValueFactory = _ => StationPasswords.DefaultDemoSecret };
    private static readonly Option<DateTimeOffset?> BackfillFrom = new("--backfill-from") { Description = "Backfill: start of the history (e.g. 2026-08-01T00:00:00+08:00); runs in lockstep, as fast as acks allow." };
    private static readonly Option<DateTimeOffset?> BackfillTo = new("--backfill-to") { Description = "Backfill: end of the history (default: now)." };
    private static readonly Option<int> MaxBacklog = new("--max-backlog") { Description = "Backfill: pause while a station has more unacked messages than this (0 = do not wait for gateway acks).", DefaultValueFactory = _ => 100 };
    private static readonly Option<string> Firmware = new("--firmware") { Description = "core (the real station logic) or beacon (connectivity-only stand-in).", DefaultValueFactory = _ => "core" };

    /// <summary>Builds the root command.</summary>
    public static RootCommand Build(Func<FleetOptions, string, DateTimeOffset?, TimeSpan?, double, CancellationToken, Task<int>> run)
    {
        var root = new RootCommand("Runs virtual 工会驿站 stations (the real Core logic over simulated hardware) against an MQTT broker.");
        foreach (var o in new Option[] { Broker, StationCount, IdPrefix, Profiles, Seed, Acceleration, Duration, Faults, TickMs, PasswordFile, DemoSecret, BackfillFrom, BackfillTo, MaxBacklog, Firmware })
            root.Options.Add(o);
        Firmware.AcceptOnlyFromAmong("core", "beacon");
        root.SetAction(async (parse, cancel) =>
        {
            FleetOptions options;
            try
            {
                options = ToOptions(parse);
                options.Validate();
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException or IOException or KeyNotFoundException)
            {
                await Console.Error.WriteLineAsync("stations-sim: " + ex.Message).ConfigureAwait(false);
                return 2;
            }
            DateTimeOffset? backfillTo = parse.GetValue(BackfillFrom) == null ? null : parse.GetValue(BackfillTo) ?? DateTimeOffset.UtcNow;
            return await run(options, parse.GetValue(Firmware)!, backfillTo, parse.GetValue(Duration), parse.GetValue(Acceleration), cancel).ConfigureAwait(false);
        });
        return root;
    }

    /// <summary>Turns parsed options into fleet options; throws FormatException/ArgumentException naming the bad value.</summary>
    public static FleetOptions ToOptions(ParseResult parse)
    {
        string broker = parse.GetValue(Broker)!;
        int colon = broker.LastIndexOf(':');
        string host = colon > 0 ? broker[..colon] : broker;
        int port = 1883;
        if (colon > 0 && !int.TryParse(broker[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out port))
            throw new FormatException($"--broker '{broker}': the port is not a number; write host:port, e.g. localhost:1883.");
        var file = parse.GetValue(PasswordFile);
        var passwords = file != null ? StationPasswords.FromFile(file.FullName) : StationPasswords.FromDemoSecret(parse.GetValue(DemoSecret)!);
        var from = parse.GetValue(BackfillFrom);
        var options = new FleetOptions
        {
            // Live runs never block the scheduler on a connect (Core retries and finds it done); a backfill waits for it.
            Broker = new BrokerEndpoint(host, port) { ConnectWait = from != null ? TimeSpan.FromSeconds(5) : TimeSpan.Zero },
            StationCount = parse.GetValue(StationCount),
            IdPrefix = parse.GetValue(IdPrefix)!,
            ProfileMix = parse.GetValue(Profiles)!,
            Seed = parse.GetValue(Seed),
            TickMs = parse.GetValue(TickMs),
            Faults = FaultRates.Parse(parse.GetValue(Faults)!),
            Passwords = passwords,
            MaxBacklogPerStation = from != null ? parse.GetValue(MaxBacklog) : 0,
        };
        if (from != null) options = options with { StartUtc = from.Value, LockstepStepMs = Math.Max(options.TickMs, 10_000) };
        // Live: the boards' link timers run in real time whatever the acceleration (see FleetOptions.LinkTimeScale).
        else options = options with { LinkTimeScale = Math.Max(1, parse.GetValue(Acceleration)) };
        return options;
    }
}
