using Spectre.Console;
using Stations.Simulator.Fleet;

namespace Stations.Simulator.Cli;

/// <summary>Shows the fleet's counters: a live Spectre table on a terminal, a plain line every few seconds otherwise.</summary>
public static class LiveSummary
{
    /// <summary>Renders a summary as a table.</summary>
    public static Table Render(FleetSummary s)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]Stations simulator[/]");
        table.AddColumn("virtual time (UTC)");
        table.AddColumn("stations");
        table.AddColumn("connected");
        table.AddColumn("sent");
        table.AddColumn("broker acked");
        table.AddColumn("gateway acked");
        table.AddColumn("backlog");
        table.AddColumn("boots");
        table.AddRow(s.VirtualUtc.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
            s.Stations.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"{s.Connected}" + (s.PoweredOff > 0 ? $" ({s.PoweredOff} off)" : ""),
            $"{s.Sent} ({s.Telemetry} tel, {s.Events} ev, {s.Resent} re-sent)", $"{s.BrokerAcked}", $"{s.GatewayAcked}", $"{s.Backlog}", $"{s.Boots}");
        return table;
    }

    /// <summary>One line for logs.</summary>
    public static string Line(FleetSummary s) => FormattableString.Invariant(
        $"{s.VirtualUtc:yyyy-MM-dd HH:mm:ss}Z stations={s.Stations} connected={s.Connected} off={s.PoweredOff} sent={s.Sent} tel={s.Telemetry} ev={s.Events} resent={s.Resent} brokerAcked={s.BrokerAcked} gatewayAcked={s.GatewayAcked} backlog={s.Backlog} boots={s.Boots}");

    /// <summary>Shows the summary until <paramref name="run"/> completes.</summary>
    public static async Task ShowWhileAsync(SimulatedFleet fleet, Task run)
    {
        if (AnsiConsole.Profile.Capabilities.Interactive && !Console.IsOutputRedirected)
        {
            await AnsiConsole.Live(Render(fleet.Summary())).StartAsync(async ctx =>
            {
                while (!run.IsCompleted)
                {
                    await Task.WhenAny(run, Task.Delay(500)).ConfigureAwait(false);
                    ctx.UpdateTarget(Render(fleet.Summary()));
                }
            }).ConfigureAwait(false);
        }
        else
        {
            while (!run.IsCompleted)
            {
                await Task.WhenAny(run, Task.Delay(5000)).ConfigureAwait(false);
                Console.WriteLine(Line(fleet.Summary()));
            }
        }
        await run.ConfigureAwait(false);
    }
}
