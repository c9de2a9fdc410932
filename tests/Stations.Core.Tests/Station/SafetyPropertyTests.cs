using CsCheck;
using Stations.Core.Link;
using Stations.Core.Station;
using Stations.Core.Tests.Link;

namespace Stations.Core.Tests.Station;

/// <summary>
/// The station's safety rules, checked after every step of long random runs: sensor readings, buttons, doors, flow,
/// meter and probe failures, every command (valid or not), config pushes, reboots (a new controller on the same
/// hardware and flash, keeping every lockout) and wall-clock jumps. Timers must run on uptime only. See docs/station-logic.md, "Safety rules".
/// </summary>
[TestClass]
public sealed class SafetyPropertyTests
{
    /// <summary>One random step: Kind picks what happens, A and B parameterise it.</summary>
    public readonly record struct RandomStep(int Kind, int A, int B)
    {
        public override string ToString() => Kind + ":" + A + ":" + B;
    }

    /// <summary>Random but valid station parameters.</summary>
    public readonly record struct Setup(int MaxSessionMinutes, int MinSwitchMs, int MaxValveSeconds, bool Attended, int Hours, int BudgetWatts, bool SafeMode)
    {
        public string Json(int variant)
        {
            string hours = Hours switch
            {
                0 => "",
                1 => "\"hours\":{\"mon\":\"08:00-20:00\",\"tue\":\"08:00-20:00\",\"wed\":\"08:00-20:00\",\"thu\":\"08:00-20:00\",\"fri\":\"08:00-20:00\",\"sat\":\"09:00-13:00\",\"sun\":\"20:00-02:00\"},",
                _ => "\"hours\":{\"mon\":\"closed\",\"sun\":\"06:00-23:00\"},",
            };
            int session = variant == 0 ? MaxSessionMinutes : 1 + ((MaxSessionMinutes * 7) % 480);
            return "{\"stationId\":\"gz-gy-0001\",\"attended\":" + (Attended ? "true" : "false") + "," + hours
                + "\"powerBudgetWatts\":" + BudgetWatts + ","
                + "\"doors\":[{\"id\":\"door1\",\"pin\":14,\"leftOpenMinutes\":5,\"leftOpenMinutesUnattended\":2}],"
                + "\"dispensers\":[{\"id\":\"water1\",\"valvePin\":25,\"buttonPin\":26,\"flowPin\":27,\"maxValveSeconds\":" + MaxValveSeconds
                + ",\"dryAfterSeconds\":" + (MaxValveSeconds > 1 ? 1 : 1) + ",\"dailyLitresLimit\":50,\"minSwitchMs\":" + (MinSwitchMs / 5 < 100 ? 100 : MinSwitchMs / 5) + "}],"
                + "\"probes\":[{\"id\":\"probe1\",\"pin\":4}],"
                + "\"hvac\":[{\"id\":\"ac1\",\"pin\":32,\"mode\":\"cool\",\"probe\":\"probe1\",\"minOnSeconds\":60,\"minOffSeconds\":" + (30 + (MinSwitchMs % 100)) + ",\"onlyWhenOpen\":" + (Hours == 2 ? "true" : "false") + "}],"
                + "\"outlets\":["
                + "{\"id\":\"ebike1\",\"kind\":\"ebike\",\"relayPin\":21,\"meterAddress\":1,\"tempPin\":36,\"buttonPin\":22,\"maxSessionMinutes\":" + session + ",\"minSwitchMs\":" + MinSwitchMs + "},"
                + "{\"id\":\"phone1\",\"kind\":\"phone\",\"relayPin\":23,\"meterAddress\":2,\"tempPin\":39,\"maxSessionMinutes\":" + (481 - session) + ",\"minChargeMinutes\":1,\"fullConfirmSeconds\":10,\"noLoadSeconds\":10},"
                + "{\"id\":\"ebike2\",\"kind\":\"ebike\",\"relayPin\":19,\"meterAddress\":3,\"plugStart\":false,\"maxSessionMinutes\":" + OutletConfig.MaxSessionMinutesHardCap + "}"
                + "]}";
        }
    }

    private static readonly string[] OutletIds = ["ebike1", "phone1", "ebike2", "nope9"];
    private static readonly double[] Powers = [0, 0.2, 1, 3, 8, 15, 150, 400, 580, 700, 5000, -3];
    private static readonly double[] Temperatures = [20, 30, 43, 44.9, 45, 47, 54.9, 55, 56, 70, 149];
    private static readonly string[] Commands = ["outlet.disable", "outlet.enable", "outlet.start", "outlet.stop", "outlet.reset-lockout", "dispense.test", "reboot", "selftest", "version", "config.set"];

    private static readonly Gen<Setup> SetupGen =
        Gen.Select(Gen.Int[1, 480], Gen.Int[500, 10_000], Gen.Int[1, 300], Gen.Bool, Gen.Int[0, 2], Gen.Int[300, 3000], Gen.Int[0, 9])
           .Select((s, m, v, a, h, b, safe) => new Setup(s, m, v, a, h, b, safe == 0));

    private static readonly Gen<RandomStep[]> StepsGen =
        Gen.Select(Gen.Int[0, 99], Gen.Int[0, 1_000_000], Gen.Int[0, 1_000_000]).Select((k, a, b) => new RandomStep(k, a, b)).Array[300, 900];

    [TestMethod]
    public void SafetyRulesHoldOverLongRandomRuns()
    {
        Gen.Select(SetupGen, StepsGen).Sample((setup, steps) => new World(setup).Run(steps), iter: int.TryParse(Environment.GetEnvironmentVariable("STATION_PROPERTY_ITER"), out int n) ? n : 250, threads: 1);
    }

    /// <summary>The station, its fake hardware, and the independent bookkeeping the rules are checked against.</summary>
    private sealed class World : IEventSink
    {
        private readonly Setup _setup;
        private readonly FakeClock _clock = new();
        private readonly FakeHardware _hw;
        private StationController _controller;
        private StationConfig _config;
        private int _variant;
        private long _builtAtMs;
        private readonly Dictionary<string, long> _sessionStart = [];
        private readonly HashSet<string> _locked = [];
        private readonly FakeFlashStore _flash = new();
        private readonly Dictionary<FakeOutput, int> _onTransitionsSeen = [];
        private int _stepIndex;
        private readonly List<string> _log = [];

        private void Log(string line)
        {
            _log.Add(_clock.UptimeMs + " " + line);
            if (_log.Count > 40)
            {
                _log.RemoveAt(0);
            }
        }

        public World(Setup setup)
        {
            _setup = setup;
            _hw = new FakeHardware(_clock);
            _clock.UptimeMs = 1000;
            _config = StationHarness.ParseOrThrow(setup.Json(0));
            foreach (string id in OutletIds.Take(3))
            {
                _hw.Meter(id).BehindRelay = _hw.Output(id, "relay");
            }

            _controller = new StationController(_clock, this, _hw, _config, setup.SafeMode);
            _controller.ConfigStore = new MemoryConfigStore();
            _controller.LockoutStore = new FlashLockoutStore(_flash);
            _builtAtMs = _clock.UptimeMs;
            CheckAllOff("boot");
        }

        public void Run(RandomStep[] steps)
        {
            for (_stepIndex = 0; _stepIndex < steps.Length; _stepIndex++)
            {
                Log("step " + steps[_stepIndex]);
                Apply(steps[_stepIndex]);
                Check();
            }
        }

        private void Apply(RandomStep s)
        {
            int k = s.Kind;
            if (k < 40)
            {
                long dt = (s.A % 100) switch
                {
                    < 50 => 100,
                    < 75 => 1000,
                    < 95 => 10_000 + (s.B % 600_000),
                    _ => 3600_000L + (s.B % 7_200_000),
                };
                _clock.Advance(dt);
                _controller.Tick();
            }
            else if (k < 50)
            {
                var meter = _hw.Meter(OutletIds[s.A % 3]);
                meter.PowerWatts = Powers[s.B % Powers.Length];
                meter.Fail = s.B % 13 == 0;
            }
            else if (k < 56)
            {
                var probe = _hw.Socket(OutletIds[s.A % 2]);
                probe.TemperatureC = Temperatures[s.B % Temperatures.Length];
                probe.Fail = s.B % 11 == 0;
            }
            else if (k < 60)
            {
                string key = (s.A % 3) switch { 0 => "ebike1", 1 => "water1", _ => "door1" };
                string role = key == "door1" ? "contact" : "button";
                _hw.Input(key, role).Active = s.B % 2 == 0;
            }
            else if (k < 64)
            {
                _hw.Flow("water1").Count += s.B % 40;
            }
            else if (k < 67)
            {
                var climate = _hw.Sensor("probe1");
                climate.TemperatureC = -50 + (s.B % 140);
                climate.Fail = s.A % 7 == 0;
            }
            else if (k < 70)
            {
                // The wall clock jumps (SNTP correction, bad RTC) or loses sync; uptime does not move.
                _clock.UtcNowMs += (s.B - 500_000) * 345L;
                if (s.A % 5 == 0)
                {
                    _clock.IsSynced = !_clock.IsSynced;
                }
            }
            else if (k < 95)
            {
                Command(s);
            }
            else
            {
                // Reboot: a new controller on the same hardware and flash; the fakes keep whatever state the relays had.
                // Lockouts survive it (the flash lockout store), so the bookkeeping keeps them too.
                _controller = new StationController(_clock, this, _hw, _config, _setup.SafeMode || s.A % 10 == 0);
                _controller.ConfigStore = new MemoryConfigStore();
                _controller.LockoutStore = new FlashLockoutStore(_flash);
                _builtAtMs = _clock.UptimeMs;
                _sessionStart.Clear();
                CheckAllOff("reboot");
            }
        }

        private void Command(RandomStep s)
        {
            string name = Commands[s.A % Commands.Length];
            var args = new CommandArgs
            {
                Device = s.B % 5 == 0 ? "water1" : OutletIds[s.B % 4],
                Milliseconds = (s.A / 10) % 3 == 0 ? -1 : 50 + (s.B % 400_000),
                MaxMinutes = (s.A / 10) % 4 == 0 ? -1 : (s.B % 600) - 50,
            };
            if (name == "config.set")
            {
                int variant = s.B % 3;
                string json = variant == 2 ? "{\"stationId\":\"gz-gy-0001\",\"outlets\":[{\"id\":\"ebike1\",\"relayPin\":21,\"maxSessionMinutes\":600}]}" : _setup.Json(variant);
                args.ConfigJson = System.Text.Encoding.UTF8.GetBytes(json);
                args.ConfigOffset = 0;
                args.ConfigLength = args.ConfigJson.Length;
                var r = new CommandResult();
                _controller.Execute(name, args, r);
                if (r.Ok && _controller.Config != _config)
                {
                    _config = _controller.Config;
                    _variant = variant;
                    _builtAtMs = _clock.UptimeMs;
                }

                Assert.IsTrue(variant != 2 || r.Code == "bad-args", "an invalid config is refused");
                return;
            }

            var result = new CommandResult();
            _controller.Execute(name, args, result);
            Log(name + " " + args.Device + " -> " + result.Code + " " + result.Detail);
            Assert.IsNotNull(result.Code, "every command gets a result");
            Assert.AreEqual(result.Code == "done", result.Ok);
            if (name == "version")
            {
                Assert.AreEqual("unknown-command", result.Code);
            }
        }

        private void CheckAllOff(string when)
        {
            foreach (var (key, output) in _hw.Outputs)
            {
                Assert.IsFalse(output.On, key + " is on right after " + when);
                _onTransitionsSeen[output] = output.OnGapsMs.Count;
            }
        }

        private void Check()
        {
            long now = _clock.UptimeMs;
            string at = " (step " + _stepIndex + ", uptime " + now + " ms, variant " + _variant + ")\n" + string.Join("\n", _log);
            for (int i = 0; i < _config.Outlets.Length; i++)
            {
                OutletConfig oc = _config.Outlets[i];
                FakeOutput relay = _hw.Output(oc.Id, "relay");
                Assert.AreEqual(_locked.Contains(oc.Id), _controller.Outlets[i].IsLocked, oc.Id + ": lockout lost or invented across reboots/config changes" + at);
                if (!relay.On)
                {
                    continue;
                }

                Assert.IsFalse(_controller.SafeMode, oc.Id + " is on in safe mode" + at);
                Assert.IsFalse(_locked.Contains(oc.Id), oc.Id + " is on while locked out" + at);
                if (_sessionStart.TryGetValue(oc.Id, out long start))
                {
                    Assert.IsTrue(now - start < oc.MaxSessionMinutes * 60_000L, oc.Id + " on past its max session" + at);
                    Assert.IsTrue(now - start < OutletConfig.MaxSessionMinutesHardCap * 60_000L, oc.Id + " on past the hard cap" + at);
                }
                else
                {
                    Assert.IsTrue(oc.PlugStart && _controller.Outlets[i].IsArmed, oc.Id + " is on with neither a session nor armed" + at);
                }

                if (oc.TempPin >= 0)
                {
                    double last = _hw.Socket(oc.Id).LastReadC;
                    Assert.IsFalse(last >= oc.CutTempC, oc.Id + " is on with the socket at " + last + " C" + at);
                }
            }

            foreach (DispenserConfig dc in _config.Dispensers)
            {
                FakeOutput valve = _hw.Output(dc.Id, "valve");
                Assert.IsTrue(!valve.On || now - valve.OnSinceMs < dc.MaxValveSeconds * 1000L, dc.Id + " valve open past its limit" + at);
            }

            // Minimum switching interval: every close comes at least the interval after the previous switching and
            // after the relay object was created (boot or config change).
            foreach (var (key, output) in _hw.Outputs)
            {
                int seen = _onTransitionsSeen.GetValueOrDefault(output);
                if (output.OnGapsMs.Count > seen)
                {
                    long min = MinSwitchMs(key);
                    for (int j = seen; j < output.OnGapsMs.Count; j++)
                    {
                        Assert.IsTrue(output.OnGapsMs[j] >= min, key + " closed " + output.OnGapsMs[j] + " ms after its last switching (min " + min + ")" + at);
                    }

                    Assert.IsTrue(now - _builtAtMs >= min, key + " closed " + (now - _builtAtMs) + " ms after boot/config (min " + min + ")" + at);
                    _onTransitionsSeen[output] = output.OnGapsMs.Count;
                }
            }
        }

        private long MinSwitchMs(string key)
        {
            string id = key[..key.IndexOf('/', StringComparison.Ordinal)];
            foreach (var o in _config.Outlets) { if (o.Id == id) { return o.MinSwitchMs; } }
            foreach (var d in _config.Dispensers) { if (d.Id == id) { return d.MinSwitchMs; } }
            foreach (var h in _config.Hvac) { if (h.Id == id) { return h.MinOffSeconds * 1000L; } }
            return 0;
        }

        // ---- IEventSink: the bookkeeping the checks use ----

        public void OutletStarted(string outletId, string trigger)
        {
            Log("outlet.start " + outletId + " " + trigger);
            Assert.IsFalse(_sessionStart.ContainsKey(outletId), outletId + " started twice");
            _sessionStart[outletId] = _clock.UptimeMs;
        }

        public void OutletStopped(string outletId, string reason, double energyWh, long durationMs, double maxPowerWatts)
        {
            Log("outlet.stop " + outletId + " " + reason);
            Assert.IsTrue(_sessionStart.Remove(outletId, out long start), outletId + " stopped without a start");
            Assert.AreEqual(_clock.UptimeMs - start, durationMs);
            Assert.IsTrue(energyWh >= 0 && maxPowerWatts >= 0);
            Assert.IsFalse(_hw.Output(outletId, "relay").On && reason != "cmd", outletId + " relay still on after stop " + reason);
        }

        public void SafetyTripped(string deviceId, string reason, double measuredValue, bool locked)
        {
            Log("safety.trip " + deviceId + " " + reason + " " + measuredValue);
            if (locked)
            {
                _locked.Add(deviceId);
            }
        }

        public void LockoutReset(string deviceId) => Assert.IsTrue(_locked.Remove(deviceId), deviceId + " reset without a lockout");

        public void DoorOpened(string doorId) { }
        public void DoorClosed(string doorId, long openDurationMs) => Assert.IsTrue(openDurationMs >= 0);
        public void VisitCounted(string inputId, int count) => Assert.IsTrue(count >= 1);
        public void StationOpenChanged(bool open, string source) { }
        public void Dispensed(string dispenserId, double litres, long durationMs, string trigger) => Assert.IsTrue(litres >= 0 && durationMs >= 0);
        public void AlarmRaised(string code, string deviceId, bool hasValue, double value, string severity) => Assert.IsTrue(severity is "warn" or "crit");
        public void AlarmCleared(string code, string deviceId) { }
        public void ConfigApplied(string configHash) => Assert.AreEqual(8, configHash.Length);
        public void ConfigRejected(string configHash, string error) => Assert.IsTrue(error.Length is > 0 and <= 200);
    }
}
