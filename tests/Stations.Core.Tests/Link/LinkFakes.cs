using System.Text;
using System.Text.Json;
using Stations.Core.Hardware;
using Stations.Core.Link;
using Stations.Core.Protocol;
using Stations.Core.Station;

namespace Stations.Core.Tests.Link;

public sealed class FakeClock : IClock
{
    public long UptimeMs { get; set; }
    public bool IsSynced { get; set; }
    public long WallOffsetMs { get; set; } = 1_763_900_000_000;
    public long UtcNowMs => IsSynced ? WallOffsetMs + UptimeMs : 0;
}

public sealed class SeededRandom(int seed) : IRandom
{
    private readonly Random _random = new(seed);
    public int Next(int maxExclusive) => _random.Next(maxExclusive);
}

public sealed class FakeRebooter : IRebooter
{
    public int Reboots { get; private set; }
    public void Reboot() => Reboots++;
}

public sealed class FakeStation : IStationLogic
{
    public int Ticks { get; private set; }
    public bool ImportantChangePending { get; set; }
    public string ConfigHash { get; set; } = "5d41402a";
    public int TelemetryPeriodSeconds { get; set; } = 60;
    public bool SafeMode { get; set; }
    public List<(string Name, string? Device)> Executed { get; } = [];
    public string ResultCode { get; set; } = ProtocolCodes.ResultDone;
    public string? LastConfig { get; private set; }
    public int LastMilliseconds { get; private set; }
    public int LastMaxMinutes { get; private set; }

    public void Tick() => Ticks++;
    public void ClearImportantChange() => ImportantChangePending = false;

    public void WriteTelemetryBody(JsonWriter writer)
    {
        writer.Bool("open", true);
        writer.BeginObject("cnt");
        writer.Int("vis", 17);
        writer.Number("l", 12.345, 3);
        writer.Int("ses", 3);
        writer.Number("wh", 250.5, 1);
        writer.EndObject();
        writer.BeginArray("clim");
        writer.BeginObject();
        writer.String("id", "probe1");
        writer.Number("t", 24.5, 1);
        writer.Number("rh", 55.2, 1);
        writer.EndObject();
        writer.EndArray();
        writer.BeginArray("door");
        writer.EndArray();
        writer.BeginArray("disp");
        writer.EndArray();
        writer.BeginArray("out");
        writer.BeginObject();
        writer.String("id", "ebike1");
        writer.String("st", "on");
        writer.Number("w", 180.5, 1);
        writer.EndObject();
        writer.EndArray();
    }

    public void Execute(string name, CommandArgs args, CommandResult result)
    {
        Executed.Add((name, args.Device));
        LastConfig = args.ConfigJson == null ? null : Encoding.UTF8.GetString(args.ConfigJson, args.ConfigOffset, args.ConfigLength);
        LastMilliseconds = args.Milliseconds;
        LastMaxMinutes = args.MaxMinutes;
        if (name == ProtocolCodes.CommandSelfTest)
        {
            result.SelfTestItems = [new SelfTestItem("ebike1", true, "relay clicked")];
        }

        result.Set(ResultCode, name + " " + args.Device);
    }
}

public sealed record Published(string Topic, string Payload, bool Retain, long AtMs);

/// <summary>A broker connection under test control: up or down, flapping, recording what was published.</summary>
public sealed class FakeLink(FakeClock clock) : IMessageLink
{
    private readonly Queue<ReceivedMessage> _received = new();
    public bool BrokerUp { get; set; } = true;
    public bool DropRightAfterConnect { get; set; }
    public bool IsConnected { get; private set; }
    public int Connects { get; private set; }
    public List<long> ConnectTimes { get; } = [];
    public List<string> Subscriptions { get; } = [];
    public List<Published> Published { get; } = [];
    public byte[]? Will { get; private set; }
    public bool? CleanSession { get; private set; }

    public bool Connect(string clientId, string username, string password, string willTopic, byte[] willPayload, bool cleanSession)
    {
        ConnectTimes.Add(clock.UptimeMs);
        if (!BrokerUp) return false;
        Connects++;
        Will = willPayload;
        CleanSession = cleanSession;
        IsConnected = true;
        return true;
    }

    public bool Publish(string topic, byte[] payload, int offset, int count, int qos, bool retain)
    {
        if (!IsConnected) return false;
        Published.Add(new Published(topic, Encoding.UTF8.GetString(payload, offset, count), retain, clock.UptimeMs));
        if (DropRightAfterConnect) IsConnected = false;
        return true;
    }

    public bool Subscribe(string topic, int qos)
    {
        if (!IsConnected) return false;
        Subscriptions.Add(topic);
        return true;
    }

    public ReceivedMessage? TakeReceived() => _received.Count > 0 ? _received.Dequeue() : null;
    public void Disconnect() => IsConnected = false;
    public void Drop() => IsConnected = false;
    public void Deliver(string topic, string payload, bool retain = false) => _received.Enqueue(new ReceivedMessage(topic, Encoding.UTF8.GetBytes(payload), retain));
}

/// <summary>
/// The gateway's side of the contract: stores each (boot, seq) once, counts duplicates, treats `outbox.dropped` ranges as
/// covered and acks the highest contiguous seq per boot after each batch.
/// </summary>
public sealed class FakeGateway(FakeLink link, string stationId)
{
    private int _read;
    public Dictionary<(string Boot, int Seq), JsonElement> Stored { get; } = [];
    public Dictionary<string, HashSet<int>> Covered { get; } = [];
    public int Duplicates { get; private set; }
    public bool Acking { get; set; } = true;
    public bool Online { get; set; } = true;
    public List<string> AcksSent { get; } = [];

    public void Pump()
    {
        if (!Online) { _read = link.Published.Count; return; }
        var touched = new HashSet<string>();
        for (; _read < link.Published.Count; _read++)
        {
            var p = link.Published[_read];
            if (p.Topic.EndsWith("/status", StringComparison.Ordinal)) continue;
            var json = JsonDocument.Parse(p.Payload).RootElement.Clone();
            string boot = json.GetProperty("boot").GetString()!;
            int seq = json.GetProperty("seq").GetInt32();
            touched.Add(boot);
            if (!Stored.TryAdd((boot, seq), json)) { Duplicates++; continue; }
            Cover(boot, seq);
            if (json.TryGetProperty("type", out var type) && type.GetString() == "outbox.dropped")
            {
                string lost = json.GetProperty("lostBoot").GetString()!;
                for (int s = json.GetProperty("from").GetInt32(); s <= json.GetProperty("to").GetInt32(); s++) Cover(lost, s);
                touched.Add(lost);
            }

            touched.Add(boot);
        }

        if (!Acking) return;
        foreach (var boot in touched)
        {
            int high = HighestContiguous(boot);
            if (high < 1) continue;
            string ack = "{\"boot\":\"" + boot + "\",\"seq\":" + high + "}";
            AcksSent.Add(ack);
            link.Deliver("ss/v1/" + stationId + "/ack", ack);
        }
    }

    public int HighestContiguous(string boot)
    {
        if (!Covered.TryGetValue(boot, out var set)) return 0;
        int s = 0;
        while (set.Contains(s + 1)) s++;
        return s;
    }

    public IEnumerable<JsonElement> Events(string type) =>
        Stored.Values.Where(j => j.TryGetProperty("type", out var t) && t.GetString() == type);

    private void Cover(string boot, int seq)
    {
        if (!Covered.TryGetValue(boot, out var set)) Covered[boot] = set = [];
        set.Add(seq);
    }
}

/// <summary>A station link with fakes around it, driven tick by tick on a simulated clock.</summary>
public sealed class LinkRig
{
    public const string StationId = "gz-gy-0001";
    public FakeClock Clock { get; } = new();
    public FakeFlashStore Store { get; }
    public FakeLink Link { get; }
    public FakeGateway Gateway { get; }
    public FakeStation Station { get; } = new();
    public FakeRebooter Rebooter { get; } = new();
    public LinkSettings Settings { get; }
    public StationLink Runtime { get; private set; }
    private int _seed;

    public LinkRig(FakeFlashStore? store = null, LinkSettings? settings = null, int seed = 1)
    {
        Store = store ?? new FakeFlashStore();
        Link = new FakeLink(Clock);
        Gateway = new FakeGateway(Link, StationId);
        Settings = settings ?? new LinkSettings { StationId = StationId, FirmwareVersion = "1.0.0" };
        _seed = seed;
        Runtime = Boot("power");
    }

    /// <summary>Simulates a reboot: new uptime, a new StationLink over the same store.</summary>
    public StationLink Boot(string reason)
    {
        Clock.UptimeMs = 0;
        Link.Drop();
        Runtime = new StationLink(Settings, Link, Store, Clock, new SeededRandom(_seed++), Rebooter);
        Runtime.Start(Station, reason, false);
        return Runtime;
    }

    public void Run(long durationMs, int stepMs = 100)
    {
        long end = Clock.UptimeMs + durationMs;
        while (Clock.UptimeMs < end)
        {
            Clock.UptimeMs += stepMs;
            Runtime.Tick();
            Gateway.Pump();
        }
    }

    /// <summary>Runs until the condition holds, failing after <paramref name="limitMs"/> of simulated time.</summary>
    public void RunUntil(Func<bool> condition, long limitMs, int stepMs = 100)
    {
        long end = Clock.UptimeMs + limitMs;
        while (!condition())
        {
            Assert.IsTrue(Clock.UptimeMs < end, "condition not reached within the simulated time limit");
            Clock.UptimeMs += stepMs;
            Runtime.Tick();
            Gateway.Pump();
        }
    }

    public List<JsonElement> Results() => Link.Published.Where(p => p.Topic.EndsWith("/cmd/result", StringComparison.Ordinal))
        .Select(p => JsonDocument.Parse(p.Payload).RootElement.Clone()).ToList();
}
