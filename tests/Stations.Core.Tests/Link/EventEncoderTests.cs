using System.Collections;
using System.Text;
using Stations.Core.Link;

namespace Stations.Core.Tests.Link;

/// <summary>Each event is written exactly as the golden vector (tests/Fixtures/protocol/valid), envelope aside.</summary>
[TestClass]
public sealed class EventEncoderTests
{
    private static (EventEncoder Encoder, Func<string> Last, FakeClock Clock) Make()
    {
        var store = new FakeFlashStore();
        var outbox = new Outbox(store, Outbox.DefaultBudgetBytes, Outbox.DefaultSlotsPerSegment);
        outbox.Open(new ArrayList());
        var clock = new FakeClock { UptimeMs = 7_301_000, IsSynced = true, WallOffsetMs = 1_763_903_594_877 - 7_301_000 };
        var messages = new OutboundMessages(outbox, clock, 0x9f3a1c07);
        string Last()
        {
            var cursor = new OutboxCursor();
            var record = new OutboxRecord();
            outbox.MoveToStart(cursor);
            string text = "";
            while (outbox.ReadAt(cursor, record))
            {
                text = Encoding.UTF8.GetString(record.Payload, 0, record.PayloadLength);
                outbox.Advance(cursor, record);
            }

            return text;
        }

        return (new EventEncoder(messages), Last, clock);
    }

    private static string Body(string json) => json[json.IndexOf(",\"type\"", StringComparison.Ordinal)..];

    private static string Vector(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "protocol", "valid", name + ".json"));

    private static void Check(string vector, Action<EventEncoder> write)
    {
        var (encoder, last, _) = Make();
        write(encoder);
        Assert.AreEqual(Body(Vector(vector)), Body(last()), vector);
    }

    [TestMethod]
    public void EventsMatchTheGoldenVectors()
    {
        Check("event.boot", e => e.Booted("1.0.0", "power", false, "ok"));
        Check("event.door.open", e => e.DoorOpened("door1"));
        Check("event.door.close", e => e.DoorClosed("door1", 4200));
        Check("event.visit", e => e.VisitCounted("door1", 1));
        Check("event.station.open", e => e.StationOpenChanged(true, "schedule"));
        Check("event.station.close", e => e.StationOpenChanged(false, "sign"));
        Check("event.dispense", e => e.Dispensed("water1", 0.25, 9500, "button"));
        Check("event.outlet.start", e => e.OutletStarted("ebike1", "plug"));
        Check("event.outlet.stop.full", e => e.OutletStopped("ebike1", "full", 250.5, 5_400_000, 412.3));
        Check("event.safety.trip", e => e.SafetyTripped("ebike1", "overtemp", 71.5, true));
        Check("event.safety.trip.valve-timeout", e => e.SafetyTripped("water1", "valve-timeout", 120, false));
        Check("event.lockout.reset", e => e.LockoutReset("ebike1"));
        Check("event.alarm.raise", e => e.AlarmRaised("temp.high", "probe1", true, 38.2, "warn"));
        Check("event.alarm.raise.no-device", e => e.AlarmRaised("safe-mode", null!, false, 0, "crit"));
        Check("event.alarm.clear", e => e.AlarmCleared("temp.high", "probe1"));
        Check("event.alarm.clear.no-device", e => e.AlarmCleared("outbox.full", null!));
        Check("event.config.applied", e => e.ConfigApplied("5d41402a"));
        Check("event.time.synced", e => e.TimeSynced(-1520));
    }

    [TestMethod]
    public void EnvelopeIsStampedInOrderWithTsOnlyWhenSynced()
    {
        var (encoder, last, clock) = Make();
        encoder.DoorOpened("door1");
        Assert.AreEqual("{\"v\":1,\"boot\":\"9f3a1c07\",\"seq\":1,\"up\":7301000,\"ts\":1763903594877,\"type\":\"door.open\",\"dev\":\"door1\"}", last());
        clock.IsSynced = false;
        clock.UptimeMs += 5;
        encoder.DoorOpened("door1");
        Assert.AreEqual("{\"v\":1,\"boot\":\"9f3a1c07\",\"seq\":2,\"up\":7301005,\"type\":\"door.open\",\"dev\":\"door1\"}", last());
    }

    [TestMethod]
    public void LongConfigErrorIsCutTo200Characters()
    {
        var (encoder, last, _) = Make();
        encoder.ConfigRejected("0badc0de", new string('x', 300));
        StringAssert.Contains(last(), "\"err\":\"" + new string('x', 200) + "\"}");
    }
}
