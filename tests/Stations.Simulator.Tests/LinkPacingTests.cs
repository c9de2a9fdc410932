using Stations.Core.Link;
using Stations.Simulator.Cli;
using Stations.Simulator.Fleet;

namespace Stations.Simulator.Tests;

/// <summary>
/// Under an accelerated clock the boards' link timers still run in real time: at ×60 a 30 s ack timeout is 30 virtual
/// minutes (else a gateway answering in a second looks dead and every station re-sends its window, which saturated
/// big Core fleets).
/// </summary>
[TestClass]
public sealed class LinkPacingTests
{
    [TestMethod]
    public void AtSixtyTimesTheLinkTimersAreStretchedToRealTime()
    {
        var field = new LinkSettings();
        var settings = new LinkSettings();
        CoreFirmware.PaceInRealTime(settings, 60);

        Assert.AreEqual(field.AckTimeoutMs * 60, settings.AckTimeoutMs);
        Assert.AreEqual(field.ReconnectBaseMs * 60, settings.ReconnectBaseMs);
        Assert.AreEqual(field.ReconnectMaxMs * 60, settings.ReconnectMaxMs);
        Assert.AreEqual(field.StableConnectionMs * 60, settings.StableConnectionMs);
        Assert.AreEqual(1, settings.SendRatePerSecond, "the slowest rate Core can express");
        Assert.AreEqual(field.InFlightWindow, settings.InFlightWindow, "the window is a count, not a time");
    }

    [TestMethod]
    public void RealTimeAndLockstepKeepTheFieldSettings()
    {
        var field = new LinkSettings();
        var settings = new LinkSettings();
        CoreFirmware.PaceInRealTime(settings, 1);
        Assert.AreEqual(field.AckTimeoutMs, settings.AckTimeoutMs);
        Assert.AreEqual(field.SendRatePerSecond, settings.SendRatePerSecond);
    }

    [TestMethod]
    public void LiveCommandLinePacesTheLinkByTheAccelerationAndBackfillDoesNot()
    {
        FleetOptions? seen = null;
        var root = SimulatorCommand.Build((options, _, _, _, _, _) =>
        {
            seen = options;
            return Task.FromResult(0);
        });
        Assert.AreEqual(0, root.Parse(["-x", "120"]).Invoke());
        Assert.AreEqual(120, seen!.LinkTimeScale);
        Assert.AreEqual(0, root.Parse(["-x", "120", "--backfill-from", "2026-08-01T00:00:00+08:00", "--backfill-to", "2026-08-02T00:00:00+08:00"]).Invoke());
        Assert.AreEqual(1, seen!.LinkTimeScale);
    }

    [TestMethod]
    public void AnOutOfRangeLinkTimeScaleIsRefusedWithTheFix()
    {
        var ex = Assert.ThrowsExactly<ArgumentException>(() => new FleetOptions { LinkTimeScale = 0.5 }.Validate());
        StringAssert.Contains(ex.Message, "1 … 1000000");
    }
}
