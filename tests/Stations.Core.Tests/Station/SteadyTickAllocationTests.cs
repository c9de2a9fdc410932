using System.Text;
using Stations.Core.Hardware;
using Stations.Core.Protocol;
using Stations.Core.Station;

namespace Stations.Core.Tests.Station;

/// <summary>A steady tick and a telemetry body allocate nothing (the board has about 100 KB of managed heap).</summary>
[TestClass]
public sealed class SteadyTickAllocationTests
{
    private sealed class Clock : IClock
    {
        public long UptimeMs { get; set; }
        public bool IsSynced => true;
        public long UtcNowMs => 1_763_870_000_000 + UptimeMs;
    }

    private sealed class Meter(double watts) : IPowerMeter
    {
        public bool TryReadPower(out double powerWatts)
        {
            powerWatts = watts;
            return true;
        }
    }

    private sealed class Hardware : IHardwareFactory, IDigitalOutput, IDigitalInput, IClimateSensor, IPulseCounter, ITemperatureProbe
    {
        public long Count => 0;
        public void Write(bool on) { }
        public bool Read() => false;

        public bool TryRead(out double temperatureCelsius, out double relativeHumidityPercent)
        {
            temperatureCelsius = 27.5;
            relativeHumidityPercent = 60;
            return true;
        }

        public bool TryReadTemperature(out double temperatureCelsius)
        {
            temperatureCelsius = 31;
            return true;
        }

        public IDigitalOutput CreateOutput(string deviceId, string role, int pin) => this;
        public IDigitalInput CreateInput(string deviceId, string role, int pin) => this;
        public IClimateSensor CreateClimateSensor(string deviceId, int pin, int pin2) => this;
        public IPowerMeter CreatePowerMeter(string deviceId, int meterAddress) => new Meter(deviceId.StartsWith("phone", StringComparison.Ordinal) ? 5 : 150);
        public IPulseCounter CreatePulseCounter(string deviceId, int pin) => this;
        public ITemperatureProbe CreateTemperatureProbe(string deviceId, int pin) => this;
    }

    [TestMethod]
    public void SteadyTicksAndTelemetryAllocateNothing()
    {
        byte[] json = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "config", "valid", "smart-24h-unattended.json"));
        Assert.IsTrue(StationConfig.TryParse(json, 0, json.Length, out StationConfig config, out string error), error);
        var clock = new Clock();
        var events = new RecordingEvents();
        var controller = new StationController(clock, events, new Hardware(), config);
        var writer = new JsonWriter(1024);
        for (int i = 0; i < 1000; i++)
        {
            clock.UptimeMs += 100;
            controller.Tick();
        }

        Assert.IsTrue(controller.Outlets.All(o => o.IsCharging), string.Join("\n", events.Lines));
        int eventsBefore = events.Lines.Count;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 5000; i++)
        {
            clock.UptimeMs += 100;
            controller.Tick();
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.AreEqual(eventsBefore, events.Lines.Count, "the measured window must be steady");
        Assert.AreEqual(0, allocated, "bytes allocated over 5,000 steady ticks");

        writer.BeginObject();
        controller.WriteTelemetryBody(writer); // warm-up: the first call loads and compiles
        before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++)
        {
            writer.Reset();
            writer.BeginObject();
            controller.WriteTelemetryBody(writer);
            writer.EndObject();
        }

        Assert.AreEqual(0, GC.GetAllocatedBytesForCurrentThread() - before, "bytes allocated by 10 telemetry bodies");
        Assert.IsTrue(Encoding.UTF8.GetString(writer.Buffer, 0, writer.Length).Contains("\"st\":\"on\"", StringComparison.Ordinal));
    }
}
