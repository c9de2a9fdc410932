using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Stations.Core.Protocol;
using Stations.Core.Station;

namespace Stations.Bench;

/// <summary>
/// Cost and allocations of one steady 100 ms controller tick on a busy city station (5 outlets charging or armed,
/// 2 probes, a dispenser, a door, a beam, a thermostat), and of writing its telemetry body. Goal: 0 B per tick.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessShortRun))]
public class CoreTickBenchmark
{
    /// <summary>A short run in this process: no generated project to build, so it is quick on shared 2-core machines.</summary>
    public sealed class InProcessShortRun : ManualConfig
    {
        public InProcessShortRun() => AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
    }

    private const string BusyCity = """
        {"stationId":"gz-gy-0001","attended":true,"powerBudgetWatts":3500,
         "beam":{"id":"beam1","pin":35},
         "doors":[{"id":"door1","pin":14}],
         "dispensers":[{"id":"water1","valvePin":25,"buttonPin":26,"flowPin":27}],
         "probes":[{"id":"probe1","pin":4,"pin2":16},{"id":"probe2","pin":17}],
         "hvac":[{"id":"ac1","pin":32,"mode":"cool","probe":"probe1"}],
         "outlets":[{"id":"ebike1","relayPin":33,"meterAddress":1,"tempPin":36},{"id":"ebike2","relayPin":21,"meterAddress":2,"tempPin":39},
                    {"id":"ebike3","relayPin":22,"meterAddress":3,"tempPin":34},{"id":"phone1","kind":"phone","relayPin":23,"meterAddress":4},
                    {"id":"phone2","kind":"phone","relayPin":19,"meterAddress":5}]}
        """;

    private readonly BenchClock _clock = new();
    private StationController _controller = null!;
    private JsonWriter _writer = null!;

    [GlobalSetup]
    public void Setup()
    {
        byte[] json = Encoding.UTF8.GetBytes(BusyCity);
        if (!StationConfig.TryParse(json, 0, json.Length, out StationConfig config, out string error))
        {
            throw new InvalidOperationException(error);
        }

        _controller = new StationController(_clock, new NullEvents(), new BenchHardware(), config);
        _writer = new JsonWriter(1024);
        // Past boot: relays armed, sessions started, filters full.
        for (int i = 0; i < 600; i++)
        {
            _clock.UptimeMs += 100;
            _controller.Tick();
        }
    }

    /// <summary>One steady tick (includes the meter reads every 10th tick and probe reads every 20th).</summary>
    [Benchmark]
    public void Tick()
    {
        _clock.UptimeMs += 100;
        _controller.Tick();
    }

    /// <summary>The telemetry body into a reused writer.</summary>
    [Benchmark]
    public int TelemetryBody()
    {
        _writer.Reset();
        _writer.BeginObject();
        _controller.WriteTelemetryBody(_writer);
        _writer.EndObject();
        return _writer.Length;
    }
}
