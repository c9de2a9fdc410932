using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Stations.Simulator.Fleet;

/// <summary>
/// A connectivity-only stand-in for the station firmware, NOT the station logic: it connects with the will,
/// publishes the birth status, a `boot` event, a `visit` event per door opening and protocol-valid telemetry from
/// the site's ground truth every <see cref="TelemetryPeriodMs"/>. It has no outbox (nothing is kept while offline)
/// and runs no safety logic. It exercises the broker path, the counters and the fault machinery in tests, and feeds
/// the demo until the real Core runtime is wired (`--firmware core`).
/// </summary>
public sealed class BeaconFirmware : IStationFirmware
{
    private readonly StationBoard _board;
    private readonly string _boot;
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private int _seq;
    private long _nextTelemetryUptimeMs;
    private long _nextConnectUptimeMs;
    private bool _bootSent;
    private bool _doorWasOpen;
    private long _visits;

    /// <summary>Boots the stand-in on a board.</summary>
    public BeaconFirmware(StationBoard board)
    {
        _board = board;
        _boot = board.Next(int.MaxValue).ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Telemetry period.</summary>
    public long TelemetryPeriodMs { get; init; } = 60_000;

    /// <summary>The boot id.</summary>
    public string BootId => _boot;

    private string Topic(string kind) => "ss/v1/" + _board.StationId + "/" + kind;

    /// <inheritdoc />
    public void Tick()
    {
        var link = _board.Link;
        long up = _board.Clock.UptimeMs;
        bool doorOpen = _board.Site.Door.Read();
        bool opened = doorOpen && !_doorWasOpen;
        _doorWasOpen = doorOpen;
        if (opened) _visits++;
        if (!link.IsConnected)
        {
            if (up < _nextConnectUptimeMs) return;
            _nextConnectUptimeMs = up + 5_000;
            byte[] will = Encoding.UTF8.GetBytes("{\"v\":1,\"boot\":\"" + _boot + "\",\"state\":\"offline\"}");
            if (!link.Connect(_board.StationId, _board.StationId, _board.Password, Topic("status"), will, false)) return;
            link.Subscribe(Topic("cmd"), 1);
            link.Subscribe(Topic("ack"), 1);
            Publish("status", w =>
            {
                w.WriteString("state", "online");
                w.WriteString("fw", "0.0.0-beacon");
                w.WriteString("cfg", "00000000");
                w.WriteBoolean("safe", false);
                w.WriteNumber("tel", TelemetryPeriodMs / 1000);
            }, envelope: false, retain: true);
        }
        while (link.TakeReceived() != null)
        {
            // Commands and acks are counted by the link; the stand-in does not act on them.
        }
        if (!_bootSent)
        {
            _bootSent = true;
            Publish("event", w =>
            {
                w.WriteString("type", "boot");
                w.WriteString("fw", "0.0.0-beacon");
                w.WriteString("reason", _board.BootReason);
                w.WriteBoolean("safe", false);
                w.WriteString("store", "ok");
            });
        }
        if (opened)
        {
            Publish("event", w =>
            {
                w.WriteString("type", "visit");
                w.WriteString("dev", "door1");
                w.WriteNumber("n", 1);
            });
        }
        if (up >= _nextTelemetryUptimeMs)
        {
            _nextTelemetryUptimeMs = up + TelemetryPeriodMs;
            Publish("telemetry", WriteTelemetry);
        }
    }

    /// <inheritdoc />
    public void Shutdown()
    {
        // The stand-in keeps nothing; the station disconnects the link itself.
    }

    private void WriteTelemetry(Utf8JsonWriter w)
    {
        var site = _board.Site;
        w.WriteBoolean("open", site.Sign.Read());
        w.WriteStartObject("cnt");
        w.WriteNumber("vis", _visits);
        w.WriteNumber("l", 0);
        w.WriteNumber("ses", 0);
        w.WriteNumber("wh", 0);
        w.WriteEndObject();
        w.WriteStartArray("clim");
        w.WriteStartObject();
        w.WriteString("id", "probe1");
        if (site.Probe.TryRead(out double t, out double rh))
        {
            w.WriteNumber("t", Math.Round(Math.Clamp(t, -40, 80), 1));
            w.WriteNumber("rh", Math.Round(rh, 1));
        }
        else
        {
            w.WriteString("err", "fault");
        }
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartArray("door");
        w.WriteStartObject();
        w.WriteString("id", "door1");
        w.WriteBoolean("open", site.Door.Read());
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartArray("disp");
        w.WriteEndArray();
        w.WriteStartArray("out");
        w.WriteEndArray();
    }

    private void Publish(string kind, Action<Utf8JsonWriter> body, bool envelope = true, bool retain = false)
    {
        if (!_board.Link.IsConnected) return;
        _buffer.ResetWrittenCount();
        using (var w = new Utf8JsonWriter(_buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("v", 1);
            w.WriteString("boot", _boot);
            if (envelope) w.WriteNumber("seq", _seq + 1);
            w.WriteNumber("up", _board.Clock.UptimeMs);
            if (_board.Clock.IsSynced) w.WriteNumber("ts", _board.Clock.UtcNowMs);
            body(w);
            w.WriteEndObject();
        }
        var bytes = _buffer.WrittenSpan.ToArray();
        if (_board.Link.Publish(Topic(kind), bytes, 0, bytes.Length, 1, retain) && envelope) _seq++;
    }
}
