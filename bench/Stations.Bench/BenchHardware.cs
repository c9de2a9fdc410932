using Stations.Core.Hardware;
using Stations.Core.Station;

namespace Stations.Bench;

/// <summary>Minimal allocation-free fakes so the benchmark measures the station logic only.</summary>
internal sealed class BenchClock : IClock
{
    public long UptimeMs { get; set; }
    public bool IsSynced => true;
    public long UtcNowMs => 1_763_870_000_000 + UptimeMs; // a Sunday, 12:53 in Shanghai: the busy station is open
}

internal sealed class BenchOutput : IDigitalOutput
{
    public bool On;
    public void Write(bool on) => On = on;
}

internal sealed class BenchInput : IDigitalInput
{
    public bool Read() => false;
}

internal sealed class BenchClimate : IClimateSensor
{
    public bool TryRead(out double temperatureCelsius, out double relativeHumidityPercent)
    {
        temperatureCelsius = 24.5;
        relativeHumidityPercent = 55;
        return true;
    }
}

internal sealed class BenchMeter(double watts) : IPowerMeter
{
    public bool TryReadPower(out double powerWatts)
    {
        powerWatts = watts;
        return true;
    }
}

internal sealed class BenchPulses : IPulseCounter
{
    public long Count => 0;
}

internal sealed class BenchProbe : ITemperatureProbe
{
    public bool TryReadTemperature(out double temperatureCelsius)
    {
        temperatureCelsius = 31;
        return true;
    }
}

internal sealed class BenchHardware : IHardwareFactory
{
    public IDigitalOutput CreateOutput(string deviceId, string role, int pin) => new BenchOutput();
    public IDigitalInput CreateInput(string deviceId, string role, int pin) => new BenchInput();
    public IClimateSensor CreateClimateSensor(string deviceId, int pin, int pin2) => new BenchClimate();
    // 150 W: every e-bike outlet is mid-charge, the phone outlets sense a load; no cut in the measured window.
    public IPowerMeter CreatePowerMeter(string deviceId, int meterAddress) => new BenchMeter(deviceId.StartsWith("ebike", StringComparison.Ordinal) ? 150 : 5);
    public IPulseCounter CreatePulseCounter(string deviceId, int pin) => new BenchPulses();
    public ITemperatureProbe CreateTemperatureProbe(string deviceId, int pin) => new BenchProbe();
}

internal sealed class NullEvents : IEventSink
{
    public void DoorOpened(string doorId) { }
    public void DoorClosed(string doorId, long openDurationMs) { }
    public void VisitCounted(string inputId, int count) { }
    public void StationOpenChanged(bool open, string source) { }
    public void Dispensed(string dispenserId, double litres, long durationMs, string trigger) { }
    public void OutletStarted(string outletId, string trigger) { }
    public void OutletStopped(string outletId, string reason, double energyWh, long durationMs, double maxPowerWatts) { }
    public void SafetyTripped(string deviceId, string reason, double measuredValue, bool locked) { }
    public void LockoutReset(string deviceId) { }
    public void AlarmRaised(string code, string deviceId, bool hasValue, double value, string severity) { }
    public void AlarmCleared(string code, string deviceId) { }
    public void ConfigApplied(string configHash) { }
    public void ConfigRejected(string configHash, string error) { }
}
