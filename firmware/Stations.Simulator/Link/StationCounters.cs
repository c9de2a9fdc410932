using System.Text.Json;

namespace Stations.Simulator.Link;

/// <summary>
/// What one virtual station sent and what the gateway acknowledged, read from the messages themselves:
/// (boot, seq) sent per topic kind, event types, and the highest acked seq per boot. Thread-safe.
/// </summary>
public sealed class StationCounters
{
    private readonly object _gate = new();
    private readonly Dictionary<string, long> _eventTypes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _highestSentSeq = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _ackedSeq = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Boot, long Seq), long> _firstSentAt = [];
    private readonly AckLatencyRecorder? _latency;

    /// <summary>Counters only.</summary>
    public StationCounters()
    {
    }

    /// <summary>Counters that also time each (boot, seq) from its first publish to the gateway ack that covers it.</summary>
    public StationCounters(AckLatencyRecorder? latency) => _latency = latency;

    /// <summary>Distinct telemetry messages published (a (boot, seq) counts once, however often it is re-sent).</summary>
    public long Telemetry { get; private set; }

    /// <summary>Distinct event messages published.</summary>
    public long Events { get; private set; }

    /// <summary>Distinct command results published.</summary>
    public long CommandResults { get; private set; }

    /// <summary>Publishes of a (boot, seq) already published before (re-sends after an ack timeout or a reconnect).</summary>
    public long Resent { get; private set; }

    /// <summary>Status (birth) messages published.</summary>
    public long Statuses { get; private set; }

    /// <summary>Publishes the broker confirmed (PUBACK).</summary>
    public long BrokerAcked { get; private set; }

    /// <summary>Publishes that failed or were refused by the link.</summary>
    public long PublishFailures { get; private set; }

    /// <summary>Successful connects.</summary>
    public long Connects { get; private set; }

    /// <summary>Gateway `ack` messages received.</summary>
    public long AcksReceived { get; private set; }

    /// <summary>Commands received.</summary>
    public long CommandsReceived { get; private set; }

    /// <summary>Event counts by `type`.</summary>
    public IReadOnlyDictionary<string, long> EventTypes
    {
        get { lock (_gate) return new Dictionary<string, long>(_eventTypes, StringComparer.Ordinal); }
    }

    /// <summary>Highest seq published per boot id.</summary>
    public IReadOnlyDictionary<string, long> HighestSentSeq
    {
        get { lock (_gate) return new Dictionary<string, long>(_highestSentSeq, StringComparer.Ordinal); }
    }

    /// <summary>Highest seq the gateway acknowledged per boot id.</summary>
    public IReadOnlyDictionary<string, long> AckedSeq
    {
        get { lock (_gate) return new Dictionary<string, long>(_ackedSeq, StringComparer.Ordinal); }
    }

    /// <summary>Distinct (boot, seq) sent but not yet acknowledged (the backlog as the gateway sees it).</summary>
    public long Unacked
    {
        get
        {
            lock (_gate)
            {
                long n = 0;
                foreach (var (boot, seq) in _highestSentSeq) n += seq - (_ackedSeq.TryGetValue(boot, out long a) ? Math.Min(a, seq) : 0);
                return n;
            }
        }
    }

    /// <summary>Distinct (boot, seq) acknowledged.</summary>
    public long Acked
    {
        get { lock (_gate) return _ackedSeq.Values.Sum(); }
    }

    internal void Connected()
    {
        lock (_gate) Connects++;
    }

    internal void PublishCompleted(bool ok)
    {
        lock (_gate)
        {
            if (ok) BrokerAcked++;
            else PublishFailures++;
        }
    }

    /// <summary>Records an outgoing message by topic suffix (`telemetry`, `event`, `cmd/result`, `status`).</summary>
    internal void Sent(string topicKind, ReadOnlySpan<byte> payload)
    {
        string? boot = null;
        long seq = 0;
        string? type = null;
        if (topicKind != "status") Peek(payload, out boot, out seq, out type);
        lock (_gate)
        {
            if (topicKind == "status")
            {
                Statuses++;
                return;
            }
            // The outbox sends each boot's records in seq order (replays oldest first), so a seq above the highest
            // seen is a first send and anything else is a re-send.
            if (boot == null || seq <= _highestSentSeq.GetValueOrDefault(boot))
            {
                Resent++;
                return;
            }
            _highestSentSeq[boot] = seq;
            if (_latency != null) _firstSentAt[(boot, seq)] = System.Diagnostics.Stopwatch.GetTimestamp();
            switch (topicKind)
            {
                case "telemetry": Telemetry++; break;
                case "event": Events++; break;
                case "cmd/result": CommandResults++; break;
            }
            if (type != null && topicKind == "event") _eventTypes[type] = _eventTypes.GetValueOrDefault(type) + 1;
        }
    }

    /// <summary>Records an incoming message by topic suffix (`ack`, `cmd`).</summary>
    internal void Received(string topicKind, ReadOnlySpan<byte> payload)
    {
        if (topicKind == "cmd")
        {
            lock (_gate) CommandsReceived++;
            return;
        }
        if (topicKind != "ack") return;
        Peek(payload, out string? boot, out long seq, out _);
        lock (_gate)
        {
            AcksReceived++;
            if (boot != null && seq > _ackedSeq.GetValueOrDefault(boot)) _ackedSeq[boot] = seq;
            if (_latency != null && boot != null && _firstSentAt.Count > 0) RecordAckLatency(boot, seq);
        }
    }

    private void RecordAckLatency(string boot, long ackedSeq)
    {
        long now = System.Diagnostics.Stopwatch.GetTimestamp();
        List<(string, long)>? done = null;
        foreach (var ((b, seq), sentAt) in _firstSentAt)
        {
            if (b != boot || seq > ackedSeq) continue;
            _latency!.Record(now - sentAt);
            (done ??= []).Add((b, seq));
        }
        if (done != null) foreach (var key in done) _firstSentAt.Remove(key);
    }

    private static void Peek(ReadOnlySpan<byte> json, out string? boot, out long seq, out string? type)
    {
        boot = null;
        seq = 0;
        type = null;
        try
        {
            var reader = new Utf8JsonReader(json);
            int depth = 0;
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) depth++;
                else if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray) depth--;
                else if (reader.TokenType == JsonTokenType.PropertyName && depth == 1)
                {
                    if (reader.ValueTextEquals("boot") && reader.Read() && reader.TokenType == JsonTokenType.String) boot = reader.GetString();
                    else if (reader.ValueTextEquals("seq") && reader.Read() && reader.TokenType == JsonTokenType.Number) seq = reader.GetInt64();
                    else if (reader.ValueTextEquals("type") && reader.Read() && reader.TokenType == JsonTokenType.String) type = reader.GetString();
                }
            }
        }
        catch (JsonException)
        {
            // A malformed payload is the gateway's to dead-letter; the counters just skip it.
        }
    }
}
