using System.Collections;
using Stations.Core.Hardware;
using Stations.Core.Station;

namespace Stations.Core.Tests.Station;

/// <summary>A clock the test moves by hand.</summary>
internal sealed class FakeClock : IClock
{
    public long UptimeMs { get; set; }
    public bool IsSynced { get; set; } = true;
    public long UtcNowMs { get; set; } = 1_763_900_000_000; // 2025-11-23 12:13 UTC, a Sunday (20:13 in Shanghai)

    public void Advance(long ms)
    {
        UptimeMs += ms;
        UtcNowMs += ms;
    }
}

internal sealed class FakeOutput : IDigitalOutput
{
    public bool On { get; private set; }
    public int Writes { get; private set; }
    public long LastChangeMs { get; set; } = long.MinValue / 2;
    public long OnSinceMs { get; private set; }
    public FakeClock? Clock { get; set; }
    /// <summary>Each off→on transition with the gap since the previous transition.</summary>
    public List<long> OnGapsMs { get; } = [];

    public void Write(bool on)
    {
        Writes++;
        if (on == On)
        {
            return;
        }

        long now = Clock?.UptimeMs ?? 0;
        if (on)
        {
            OnGapsMs.Add(now - LastChangeMs);
            OnSinceMs = now;
        }

        On = on;
        LastChangeMs = now;
    }
}

internal sealed class FakeInput : IDigitalInput
{
    public bool Active { get; set; }
    public bool Read() => Active;
}

internal sealed class FakeClimate : IClimateSensor
{
    public double TemperatureC { get; set; } = 24;
    public double HumidityPercent { get; set; } = 50;
    public bool Fail { get; set; }
    public List<long> ReadTimes { get; } = [];
    public FakeClock? Clock { get; set; }

    public bool TryRead(out double temperatureCelsius, out double relativeHumidityPercent)
    {
        ReadTimes.Add(Clock?.UptimeMs ?? 0);
        temperatureCelsius = TemperatureC;
        relativeHumidityPercent = HumidityPercent;
        return !Fail;
    }
}

internal sealed class FakeMeter : IPowerMeter
{
    public double PowerWatts { get; set; }
    public bool Fail { get; set; }
    /// <summary>When set, the meter reads 0 W while this relay is open (a real meter behind the relay).</summary>
    public FakeOutput? BehindRelay { get; set; }

    public bool TryReadPower(out double powerWatts)
    {
        powerWatts = BehindRelay is { On: false } ? 0 : PowerWatts;
        return !Fail;
    }
}

internal sealed class FakePulses : IPulseCounter
{
    public long Count { get; set; }
}

internal sealed class FakeTemperature : ITemperatureProbe
{
    public double TemperatureC { get; set; } = 25;
    public bool Fail { get; set; }
    /// <summary>The last value handed out by a successful read (what the logic knows).</summary>
    public double LastReadC { get; private set; } = double.NaN;

    public bool TryReadTemperature(out double temperatureCelsius)
    {
        temperatureCelsius = TemperatureC;
        if (!Fail)
        {
            LastReadC = TemperatureC;
        }

        return !Fail;
    }
}

/// <summary>Hands out one fake per device and role; the same instance again for the same key (as a real factory reuses pins).</summary>
internal sealed class FakeHardware(FakeClock clock) : IHardwareFactory
{
    public Dictionary<string, FakeOutput> Outputs { get; } = [];
    public Dictionary<string, FakeInput> Inputs { get; } = [];
    public Dictionary<string, FakeClimate> Climate { get; } = [];
    public Dictionary<string, FakeMeter> Meters { get; } = [];
    public Dictionary<string, FakePulses> Pulses { get; } = [];
    public Dictionary<string, FakeTemperature> Temperatures { get; } = [];

    public FakeOutput Output(string id, string role) => Get(Outputs, id + "/" + role, () => new FakeOutput { Clock = clock });
    public FakeInput Input(string id, string role) => Get(Inputs, id + "/" + role, () => new FakeInput());
    public FakeClimate Sensor(string id) => Get(Climate, id, () => new FakeClimate { Clock = clock });
    public FakeMeter Meter(string id) => Get(Meters, id, () => new FakeMeter());
    public FakePulses Flow(string id) => Get(Pulses, id, () => new FakePulses());
    public FakeTemperature Socket(string id) => Get(Temperatures, id, () => new FakeTemperature());

    public IDigitalOutput CreateOutput(string deviceId, string role, int pin) => Output(deviceId, role);
    public IDigitalInput CreateInput(string deviceId, string role, int pin) => Input(deviceId, role);
    public IClimateSensor CreateClimateSensor(string deviceId, int pin, int pin2) => Sensor(deviceId);
    public IPowerMeter CreatePowerMeter(string deviceId, int meterAddress) => Meter(deviceId);
    public IPulseCounter CreatePulseCounter(string deviceId, int pin) => Flow(deviceId);
    public ITemperatureProbe CreateTemperatureProbe(string deviceId, int pin) => Socket(deviceId);

    private static T Get<T>(Dictionary<string, T> map, string key, Func<T> make)
    {
        if (!map.TryGetValue(key, out T? value))
        {
            value = make();
            map[key] = value;
        }

        return value;
    }
}

/// <summary>Records every event as a compact line, e.g. "outlet.stop ebike1 full".</summary>
internal sealed class RecordingEvents : IEventSink
{
    public List<string> Lines { get; } = [];
    public List<(string Dev, string Reason, double Wh, long DurMs, double MaxW)> Stops { get; } = [];

    public bool Has(string prefix) => Lines.Exists(l => l.StartsWith(prefix, StringComparison.Ordinal));
    public int Count(string prefix) => Lines.FindAll(l => l.StartsWith(prefix, StringComparison.Ordinal)).Count;

    public void DoorOpened(string doorId) => Lines.Add("door.open " + doorId);
    public void DoorClosed(string doorId, long openDurationMs) => Lines.Add("door.close " + doorId + " " + openDurationMs);
    public void VisitCounted(string inputId, int count) => Lines.Add("visit " + inputId + " " + count);
    public void StationOpenChanged(bool open, string source) => Lines.Add((open ? "station.open " : "station.close ") + source);
    public void Dispensed(string dispenserId, double litres, long durationMs, string trigger) => Lines.Add("dispense " + dispenserId + " " + trigger + " " + litres.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + " " + durationMs);
    public void OutletStarted(string outletId, string trigger) => Lines.Add("outlet.start " + outletId + " " + trigger);

    public void OutletStopped(string outletId, string reason, double energyWh, long durationMs, double maxPowerWatts)
    {
        Lines.Add("outlet.stop " + outletId + " " + reason);
        Stops.Add((outletId, reason, energyWh, durationMs, maxPowerWatts));
    }

    public void SafetyTripped(string deviceId, string reason, double measuredValue, bool locked) => Lines.Add("safety.trip " + deviceId + " " + reason + (locked ? " lock" : ""));
    public void LockoutReset(string deviceId) => Lines.Add("lockout.reset " + deviceId);
    public void AlarmRaised(string code, string deviceId, bool hasValue, double value, string severity) => Lines.Add("alarm.raise " + code + " " + deviceId + " " + severity);
    public void AlarmCleared(string code, string deviceId) => Lines.Add("alarm.clear " + code + " " + deviceId);
    public void ConfigApplied(string configHash) => Lines.Add("config.applied " + configHash);
    public void ConfigRejected(string configHash, string error) => Lines.Add("config.rejected " + configHash + " " + error);
}

/// <summary>A config store that keeps the last saved bytes.</summary>
internal sealed class MemoryConfigStore : IConfigStore
{
    public byte[]? Saved { get; private set; }
    public bool FailWrites { get; set; }

    public bool TrySaveConfig(byte[] json, int offset, int count)
    {
        if (FailWrites)
        {
            return false;
        }

        Saved = json.AsSpan(offset, count).ToArray();
        return true;
    }
}

/// <summary>Builds a controller from a JSON config and drives it.</summary>
internal sealed class StationHarness
{
    public FakeClock Clock { get; } = new();
    public FakeHardware Hardware { get; }
    public RecordingEvents Events { get; } = new();
    public StationController Controller { get; private set; }
    public StationConfig Config { get; }

    public StationHarness(string json, bool safeMode = false)
    {
        Hardware = new FakeHardware(Clock);
        Config = ParseOrThrow(json);
        Controller = new StationController(Clock, Events, Hardware, Config, safeMode);
    }

    public static StationConfig ParseOrThrow(string json)
    {
        byte[] bytes = System.Text.Encoding.UTF8.GetBytes(json);
        if (!StationConfig.TryParse(bytes, 0, bytes.Length, out StationConfig config, out string error))
        {
            throw new InvalidOperationException("config refused: " + error);
        }

        return config;
    }

    public void Reboot(bool safeMode = false) => Controller = new StationController(Clock, Events, Hardware, Config, safeMode);

    /// <summary>Ticks every 100 ms for the given time.</summary>
    public void Run(long ms, int stepMs = 100)
    {
        for (long t = 0; t < ms; t += stepMs)
        {
            Clock.Advance(stepMs);
            Controller.Tick();
        }
    }

    public CommandResult Command(string name, string? dev = null, int ms = -1, int maxMin = -1)
    {
        var args = new CommandArgs { Device = dev, Milliseconds = ms, MaxMinutes = maxMin };
        var result = new CommandResult();
        Controller.Execute(name, args, result);
        return result;
    }

    public CommandResult SetConfig(string json, IConfigStore? store)
    {
        byte[] bytes = System.Text.Encoding.UTF8.GetBytes("{\"config\":" + json + "}");
        var args = new CommandArgs { ConfigJson = bytes, ConfigOffset = 10, ConfigLength = bytes.Length - 11 };
        var result = new CommandResult();
        Controller.ConfigStore = store;
        Controller.Execute("config.set", args, result);
        return result;
    }

    public ArrayList? LastItems { get; set; }
}
