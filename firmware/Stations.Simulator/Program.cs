using Stations.Simulator.Cli;
using Stations.Simulator.Fleet;

// Composition root: parse the command line, build the fleet, run it live or as a backfill, show the summary.
return await SimulatorCommand.Build(RunAsync).Parse(args).InvokeAsync().ConfigureAwait(false);

static async Task<int> RunAsync(FleetOptions options, string firmware, DateTimeOffset? backfillTo, TimeSpan? duration, double acceleration, CancellationToken cancel)
{
    FirmwareFactory factory = FirmwareCatalog.Find(firmware)!;
    using var fleet = new SimulatedFleet(options, factory);
    Console.WriteLine($"stations-sim: {options.StationCount} stations ({options.ProfileMix}), broker {options.Broker.Host}:{options.Broker.Port}, seed {options.Seed}, firmware {firmware}");
    Task run = backfillTo != null
        ? Task.Run(() => fleet.Backfill(backfillTo.Value, cancel), CancellationToken.None)
        : Task.Run(() => fleet.RunLiveAsync(acceleration, duration, cancel), CancellationToken.None);
    await LiveSummary.ShowWhileAsync(fleet, run).ConfigureAwait(false);
    fleet.Stop();
    Console.WriteLine(LiveSummary.Line(fleet.Summary()));
    return 0;
}
