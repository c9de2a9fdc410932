using System.Collections;
using Stations.Core.Protocol;

namespace Stations.Core.Station
{
    /// <summary>
    /// Reads a station config JSON object into a <see cref="StationConfig"/>, checking each field's type and range.
    /// Stops at the first problem; <see cref="Error"/> then names the field and the fix. Unknown fields are errors
    /// (a misspelt safety limit must not silently fall back to its default).
    /// </summary>
    internal sealed class StationConfigParser
    {
        private static readonly char[] Comma = new char[] { ',' };
        private readonly JsonReader _reader;

        /// <summary>The first problem found, or null.</summary>
        public string Error;

        public StationConfigParser(byte[] json, int offset, int count)
        {
            _reader = new JsonReader(json, offset, count);
        }

        /// <summary>The parsed config with defaults filled in, or null (see <see cref="Error"/>).</summary>
        public StationConfig Parse()
        {
            StationConfig c = new StationConfig();
            if (!Expect(JsonToken.StartObject, "config", "a JSON object"))
            {
                return null;
            }

            bool hasOffset = false;
            FieldStep step;
            while ((step = NextField("config")) == FieldStep.Name)
            {
                bool ok;
                if (_reader.NameEquals("stationId")) { ok = ReadString("stationId", 32, out c.StationId); }
                else if (_reader.NameEquals("name")) { ok = ReadString("name", 64, out c.Name); }
                else if (_reader.NameEquals("timeZone")) { ok = ReadString("timeZone", 64, out c.TimeZone); }
                else if (_reader.NameEquals("utcOffsetMinutes")) { ok = ReadInt("utcOffsetMinutes", -720, 840, false, out c.UtcOffsetMinutes); hasOffset = true; }
                else if (_reader.NameEquals("attended")) { ok = ReadBool("attended", out c.Attended); }
                else if (_reader.NameEquals("telemetrySeconds")) { ok = ReadInt("telemetrySeconds", 10, 3600, false, out c.TelemetrySeconds); }
                else if (_reader.NameEquals("powerBudgetWatts")) { ok = ReadNumber("powerBudgetWatts", 100, 20000, false, out c.PowerBudgetWatts); }
                else if (_reader.NameEquals("hours")) { ok = ReadHours(c); }
                else if (_reader.NameEquals("sign")) { ok = ReadInput("sign", false, out c.Sign); }
                else if (_reader.NameEquals("beam")) { ok = ReadInput("beam", true, out c.Beam); }
                else if (_reader.NameEquals("doors")) { ok = ReadDoors(c); }
                else if (_reader.NameEquals("dispensers")) { ok = ReadDispensers(c); }
                else if (_reader.NameEquals("probes")) { ok = ReadProbes(c); }
                else if (_reader.NameEquals("hvac")) { ok = ReadHvacs(c); }
                else if (_reader.NameEquals("outlets")) { ok = ReadOutlets(c); }
                else { ok = Unknown("", "stationId, name, timeZone, utcOffsetMinutes, attended, telemetrySeconds, powerBudgetWatts, hours, sign, beam, doors, dispensers, probes, hvac, outlets"); }

                if (!ok)
                {
                    return null;
                }
            }

            if (step == FieldStep.Failed)
            {
                return null;
            }

            JsonToken end = _reader.Read();
            if (end != JsonToken.End)
            {
                return FailNull(end == JsonToken.Error ? "config: not valid JSON (" + _reader.Error + "); fix the JSON syntax" : "config: extra data after the object; send exactly one JSON object");
            }

            if (c.StationId == null)
            {
                return FailNull("stationId: missing; give the station id, e.g. \"gz-gy-0001\"");
            }

            if (!hasOffset)
            {
                int known = KnownOffsetMinutes(c.TimeZone);
                if (known == int.MinValue)
                {
                    return FailNull("utcOffsetMinutes: missing for time zone '" + c.TimeZone + "'; give its offset from UTC in minutes, e.g. 480 for UTC+8");
                }

                c.UtcOffsetMinutes = known;
            }

            return c;
        }

        /// <summary>UTC offsets of the zones a Chinese station may name without giving the offset; int.MinValue when unknown.</summary>
        private static int KnownOffsetMinutes(string zone)
        {
            if (zone == "Asia/Shanghai" || zone == "Asia/Chongqing" || zone == "Asia/Harbin" || zone == "Asia/Hong_Kong"
                || zone == "Asia/Macau" || zone == "Asia/Taipei" || zone == "PRC")
            {
                return 480;
            }

            if (zone == "Asia/Urumqi" || zone == "Asia/Kashgar")
            {
                return 360;
            }

            if (zone == "UTC" || zone == "Etc/UTC")
            {
                return 0;
            }

            return int.MinValue;
        }

        // ---- sections ----

        private bool ReadHours(StationConfig c)
        {
            if (!Expect(JsonToken.StartObject, "hours", "an object like {\"mon\":\"07:00-21:00\",\"sun\":\"closed\"}"))
            {
                return false;
            }

            OpeningHours h = new OpeningHours();
            for (int d = 0; d < 7; d++)
            {
                h.OpenMinute[d] = -1;
                h.CloseMinute[d] = 0;
            }

            FieldStep step;
            while ((step = NextField("hours")) == FieldStep.Name)
            {
                int day = -1;
                for (int d = 0; d < 7; d++)
                {
                    if (_reader.NameEquals(OpeningHours.DayKeys[d]))
                    {
                        day = d;
                    }
                }

                if (day < 0)
                {
                    return Unknown("hours.", "mon, tue, wed, thu, fri, sat, sun");
                }

                string path = "hours." + OpeningHours.DayKeys[day];
                string text;
                if (!ReadString(path, 16, out text))
                {
                    return false;
                }

                if (!ParseDay(path, text, h, day))
                {
                    return false;
                }
            }

            if (step == FieldStep.Failed)
            {
                return false;
            }

            c.Hours = h;
            return true;
        }

        private bool ParseDay(string path, string text, OpeningHours h, int day)
        {
            if (text == "closed")
            {
                h.OpenMinute[day] = -1;
                h.CloseMinute[day] = 0;
                return true;
            }

            if (text == "24h")
            {
                h.OpenMinute[day] = 0;
                h.CloseMinute[day] = 1440;
                return true;
            }

            int open = -1;
            int close = -1;
            if (text.Length == 11 && text[5] == '-')
            {
                open = ParseClock(text, 0);
                close = ParseClock(text, 6);
            }

            if (open < 0 || close < 0 || open == 1440)
            {
                return Fail(path + ": '" + text + "' is not an opening time; use \"HH:MM-HH:MM\" (e.g. \"07:00-21:00\", \"20:00-08:00\" past midnight), \"24h\" or \"closed\"");
            }

            if (close == open)
            {
                return Fail(path + ": '" + text + "' opens and closes at the same minute; use \"24h\" for all day or \"closed\"");
            }

            h.OpenMinute[day] = open;
            h.CloseMinute[day] = close > open ? close : close + 1440;
            return true;
        }

        /// <summary>Minutes of "HH:MM" at the given index (00:00 .. 24:00), or -1.</summary>
        private static int ParseClock(string s, int at)
        {
            if (s[at + 2] != ':')
            {
                return -1;
            }

            int h1 = s[at] - '0', h2 = s[at + 1] - '0', m1 = s[at + 3] - '0', m2 = s[at + 4] - '0';
            if (h1 < 0 || h1 > 9 || h2 < 0 || h2 > 9 || m1 < 0 || m1 > 5 || m2 < 0 || m2 > 9)
            {
                return -1;
            }

            int minutes = (((h1 * 10) + h2) * 60) + (m1 * 10) + m2;
            return minutes > 1440 ? -1 : minutes;
        }

        private bool ReadInput(string path, bool isBeam, out InputConfig input)
        {
            input = null;
            JsonToken token = _reader.Read();
            if (token == JsonToken.Null)
            {
                return true;
            }

            if (token != JsonToken.StartObject)
            {
                return TypeError(token, path, "an object like {\"id\":\"" + path + "1\",\"pin\":13} or null");
            }

            InputConfig c = new InputConfig();
            FieldStep step;
            while ((step = NextField(path)) == FieldStep.Name)
            {
                bool ok;
                if (_reader.NameEquals("id")) { ok = ReadString(path + ".id", 16, out c.Id); }
                else if (_reader.NameEquals("pin")) { ok = ReadInt(path + ".pin", 0, 39, false, out c.Pin); }
                else if (_reader.NameEquals("debounceMs")) { ok = ReadInt(path + ".debounceMs", 5, 2000, false, out c.DebounceMs); }
                else if (isBeam && _reader.NameEquals("minGapMs")) { ok = ReadInt(path + ".minGapMs", 100, 60000, false, out c.MinGapMs); }
                else { ok = Unknown(path + ".", isBeam ? "id, pin, debounceMs, minGapMs" : "id, pin, debounceMs"); }

                if (!ok)
                {
                    return false;
                }
            }

            if (step == FieldStep.Failed || !Required(path, c.Id, c.Pin))
            {
                return false;
            }

            input = c;
            return true;
        }

        private bool ReadDoors(StationConfig c)
        {
            ArrayList list = ReadDevices("doors", "an object like {\"id\":\"door1\",\"pin\":14}");
            if (list == null)
            {
                return false;
            }

            c.Doors = (DoorConfig[])list.ToArray(typeof(DoorConfig));
            return true;
        }

        private bool ReadDispensers(StationConfig c)
        {
            ArrayList list = ReadDevices("dispensers", "an object like {\"id\":\"water1\",\"valvePin\":25}");
            if (list == null)
            {
                return false;
            }

            c.Dispensers = (DispenserConfig[])list.ToArray(typeof(DispenserConfig));
            return true;
        }

        private bool ReadProbes(StationConfig c)
        {
            ArrayList list = ReadDevices("probes", "an object like {\"id\":\"probe1\",\"pin\":4}");
            if (list == null)
            {
                return false;
            }

            c.Probes = (ClimateProbeConfig[])list.ToArray(typeof(ClimateProbeConfig));
            return true;
        }

        private bool ReadHvacs(StationConfig c)
        {
            ArrayList list = ReadDevices("hvac", "an object like {\"id\":\"ac1\",\"pin\":32,\"mode\":\"cool\",\"probe\":\"probe1\"}");
            if (list == null)
            {
                return false;
            }

            c.Hvac = (HvacConfig[])list.ToArray(typeof(HvacConfig));
            return true;
        }

        private bool ReadOutlets(StationConfig c)
        {
            ArrayList list = ReadDevices("outlets", "an object like {\"id\":\"ebike1\",\"kind\":\"ebike\",\"relayPin\":33}");
            if (list == null)
            {
                return false;
            }

            c.Outlets = (OutletConfig[])list.ToArray(typeof(OutletConfig));
            return true;
        }

        /// <summary>
        /// Reads a section's array of device objects, each through its section's reader; null after a problem.
        /// </summary>
        private ArrayList ReadDevices(string section, string example)
        {
            if (!BeginArray(section))
            {
                return null;
            }

            ArrayList list = new ArrayList();
            while (true)
            {
                string path = section + "[" + list.Count.ToString() + "]";
                JsonToken token = _reader.Read();
                if (token == JsonToken.EndArray)
                {
                    return list;
                }

                if (token != JsonToken.StartObject)
                {
                    TypeError(token, path, example);
                    return null;
                }

                object device = ReadDevice(section, path);
                if (device == null)
                {
                    return null;
                }

                list.Add(device);
            }
        }

        /// <summary>Reads the fields of one device object of the section (its '{' already read); null after a problem.</summary>
        private object ReadDevice(string section, string path)
        {
            if (section == "doors")
            {
                return ReadDoor(path);
            }

            if (section == "dispensers")
            {
                return ReadDispenser(path);
            }

            if (section == "probes")
            {
                return ReadProbe(path);
            }

            if (section == "hvac")
            {
                return ReadHvac(path);
            }

            return ReadOutlet(path);
        }

        private DoorConfig ReadDoor(string path)
        {
            DoorConfig d = new DoorConfig();
            FieldStep step;
            while ((step = NextField(path)) == FieldStep.Name)
            {
                bool ok;
                if (_reader.NameEquals("id")) { ok = ReadString(path + ".id", 16, out d.Id); }
                else if (_reader.NameEquals("pin")) { ok = ReadInt(path + ".pin", 0, 39, false, out d.Pin); }
                else if (_reader.NameEquals("debounceMs")) { ok = ReadInt(path + ".debounceMs", 5, 2000, false, out d.DebounceMs); }
                else if (_reader.NameEquals("leftOpenMinutes")) { ok = ReadInt(path + ".leftOpenMinutes", 1, 240, false, out d.LeftOpenMinutes); }
                else if (_reader.NameEquals("leftOpenMinutesUnattended")) { ok = ReadInt(path + ".leftOpenMinutesUnattended", 1, 240, false, out d.LeftOpenMinutesUnattended); }
                else if (_reader.NameEquals("countVisits")) { ok = ReadBool(path + ".countVisits", out d.CountVisits); }
                else if (_reader.NameEquals("visitGapSeconds")) { ok = ReadInt(path + ".visitGapSeconds", 0, 3600, false, out d.VisitGapSeconds); }
                else if (_reader.NameEquals("openingsPerVisit")) { ok = ReadInt(path + ".openingsPerVisit", 1, 4, false, out d.OpeningsPerVisit); }
                else { ok = Unknown(path + ".", "id, pin, debounceMs, leftOpenMinutes, leftOpenMinutesUnattended, countVisits, visitGapSeconds, openingsPerVisit"); }

                if (!ok)
                {
                    return null;
                }
            }

            if (step == FieldStep.Failed || !Required(path, d.Id, d.Pin))
            {
                return null;
            }

            return d;
        }

        private DispenserConfig ReadDispenser(string path)
        {
            DispenserConfig d = new DispenserConfig();
            FieldStep step;
            while ((step = NextField(path)) == FieldStep.Name)
            {
                bool ok;
                if (_reader.NameEquals("id")) { ok = ReadString(path + ".id", 16, out d.Id); }
                else if (_reader.NameEquals("valvePin")) { ok = ReadInt(path + ".valvePin", 0, 39, false, out d.ValvePin); }
                else if (_reader.NameEquals("buttonPin")) { ok = ReadInt(path + ".buttonPin", -1, 39, false, out d.ButtonPin); }
                else if (_reader.NameEquals("flowPin")) { ok = ReadInt(path + ".flowPin", -1, 39, false, out d.FlowPin); }
                else if (_reader.NameEquals("pulsesPerLitre")) { ok = ReadNumber(path + ".pulsesPerLitre", 1, 10000, false, out d.PulsesPerLitre); }
                else if (_reader.NameEquals("nominalLitresPerMinute")) { ok = ReadNumber(path + ".nominalLitresPerMinute", 0, 60, false, out d.NominalLitresPerMinute); }
                else if (_reader.NameEquals("maxValveSeconds")) { ok = ReadInt(path + ".maxValveSeconds", 1, DispenserConfig.MaxValveSecondsHardCap, true, out d.MaxValveSeconds); }
                else if (_reader.NameEquals("dryAfterSeconds")) { ok = ReadInt(path + ".dryAfterSeconds", 1, 60, false, out d.DryAfterSeconds); }
                else if (_reader.NameEquals("leakPulses")) { ok = ReadInt(path + ".leakPulses", 1, 10000, false, out d.LeakPulses); }
                else if (_reader.NameEquals("dailyLitresLimit")) { ok = ReadNumber(path + ".dailyLitresLimit", 0, 100000, false, out d.DailyLitresLimit); }
                else if (_reader.NameEquals("minSwitchMs")) { ok = ReadInt(path + ".minSwitchMs", 100, 60000, false, out d.MinSwitchMs); }
                else { ok = Unknown(path + ".", "id, valvePin, buttonPin, flowPin, pulsesPerLitre, nominalLitresPerMinute, maxValveSeconds, dryAfterSeconds, leakPulses, dailyLitresLimit, minSwitchMs"); }

                if (!ok)
                {
                    return null;
                }
            }

            if (step == FieldStep.Failed || !Required(path, d.Id, d.ValvePin == -1 ? -2 : d.ValvePin, "valvePin"))
            {
                return null;
            }

            return d;
        }

        private ClimateProbeConfig ReadProbe(string path)
        {
            ClimateProbeConfig p = new ClimateProbeConfig();
            FieldStep step;
            while ((step = NextField(path)) == FieldStep.Name)
            {
                bool ok;
                if (_reader.NameEquals("id")) { ok = ReadString(path + ".id", 16, out p.Id); }
                else if (_reader.NameEquals("pin")) { ok = ReadInt(path + ".pin", 0, 39, false, out p.Pin); }
                else if (_reader.NameEquals("pin2")) { ok = ReadInt(path + ".pin2", -1, 39, false, out p.Pin2); }
                else if (_reader.NameEquals("readSeconds")) { ok = ReadInt(path + ".readSeconds", 2, 3600, false, out p.ReadSeconds); }
                else if (_reader.NameEquals("highC")) { ok = ReadNumber(path + ".highC", -40, 80, false, out p.HighC); }
                else if (_reader.NameEquals("lowC")) { ok = ReadNumber(path + ".lowC", -40, 80, false, out p.LowC); }
                else if (_reader.NameEquals("hysteresisC")) { ok = ReadNumber(path + ".hysteresisC", 0.1, 10, false, out p.HysteresisC); }
                else if (_reader.NameEquals("faultAfterFailures")) { ok = ReadInt(path + ".faultAfterFailures", 1, 100, false, out p.FaultAfterFailures); }
                else if (_reader.NameEquals("staleSeconds")) { ok = ReadInt(path + ".staleSeconds", 4, 86400, false, out p.StaleSeconds); }
                else { ok = Unknown(path + ".", "id, pin, pin2, readSeconds, highC, lowC, hysteresisC, faultAfterFailures, staleSeconds"); }

                if (!ok)
                {
                    return null;
                }
            }

            if (step == FieldStep.Failed || !Required(path, p.Id, p.Pin))
            {
                return null;
            }

            return p;
        }

        private HvacConfig ReadHvac(string path)
        {
            HvacConfig h = new HvacConfig();
            FieldStep step;
            while ((step = NextField(path)) == FieldStep.Name)
            {
                bool ok;
                if (_reader.NameEquals("id")) { ok = ReadString(path + ".id", 16, out h.Id); }
                else if (_reader.NameEquals("pin")) { ok = ReadInt(path + ".pin", 0, 39, false, out h.Pin); }
                else if (_reader.NameEquals("mode")) { ok = ReadString(path + ".mode", 8, out h.Mode); }
                else if (_reader.NameEquals("probe")) { ok = ReadString(path + ".probe", 16, out h.Probe); }
                else if (_reader.NameEquals("setpointC")) { ok = ReadNumber(path + ".setpointC", 5, 35, false, out h.SetpointC); }
                else if (_reader.NameEquals("hysteresisC")) { ok = ReadNumber(path + ".hysteresisC", 0.2, 10, false, out h.HysteresisC); }
                else if (_reader.NameEquals("minOnSeconds")) { ok = ReadInt(path + ".minOnSeconds", 10, 3600, false, out h.MinOnSeconds); }
                else if (_reader.NameEquals("minOffSeconds")) { ok = ReadInt(path + ".minOffSeconds", 10, 3600, false, out h.MinOffSeconds); }
                else if (_reader.NameEquals("onlyWhenOpen")) { ok = ReadBool(path + ".onlyWhenOpen", out h.OnlyWhenOpen); }
                else { ok = Unknown(path + ".", "id, pin, mode, probe, setpointC, hysteresisC, minOnSeconds, minOffSeconds, onlyWhenOpen"); }

                if (!ok)
                {
                    return null;
                }
            }

            if (step == FieldStep.Failed || !Required(path, h.Id, h.Pin))
            {
                return null;
            }

            if (h.Probe == null)
            {
                Fail(path + ".probe: missing; name the probe that drives it, e.g. \"probe1\"");
                return null;
            }

            return h;
        }

        private OutletConfig ReadOutlet(string path)
        {
            OutletConfig o = new OutletConfig();
            FieldStep step;
            while ((step = NextField(path)) == FieldStep.Name)
            {
                bool ok;
                if (_reader.NameEquals("id")) { ok = ReadString(path + ".id", 16, out o.Id); }
                else if (_reader.NameEquals("kind")) { ok = ReadString(path + ".kind", 8, out o.Kind); }
                else if (_reader.NameEquals("relayPin")) { ok = ReadInt(path + ".relayPin", 0, 39, false, out o.RelayPin); }
                else if (_reader.NameEquals("buttonPin")) { ok = ReadInt(path + ".buttonPin", -1, 39, false, out o.ButtonPin); }
                else if (_reader.NameEquals("meterAddress")) { ok = ReadInt(path + ".meterAddress", 0, 247, false, out o.MeterAddress); }
                else if (_reader.NameEquals("tempPin")) { ok = ReadInt(path + ".tempPin", -1, 39, false, out o.TempPin); }
                else if (_reader.NameEquals("enabled")) { ok = ReadBool(path + ".enabled", out o.Enabled); }
                else if (_reader.NameEquals("plugStart")) { ok = ReadBool(path + ".plugStart", out o.PlugStart); }
                else if (_reader.NameEquals("plugWatts")) { ok = ReadNumber(path + ".plugWatts", 0.1, 500, false, out o.PlugWatts); }
                else if (_reader.NameEquals("plugConfirmMs")) { ok = ReadInt(path + ".plugConfirmMs", 500, 60000, false, out o.PlugConfirmMs); }
                else if (_reader.NameEquals("fullWatts")) { ok = ReadNumber(path + ".fullWatts", 0.1, 500, false, out o.FullWatts); }
                else if (_reader.NameEquals("minChargeMinutes")) { ok = ReadInt(path + ".minChargeMinutes", 0, 480, false, out o.MinChargeMinutes); }
                else if (_reader.NameEquals("fullConfirmSeconds")) { ok = ReadInt(path + ".fullConfirmSeconds", 10, 3600, false, out o.FullConfirmSeconds); }
                else if (_reader.NameEquals("noLoadWatts")) { ok = ReadNumber(path + ".noLoadWatts", 0.05, 100, false, out o.NoLoadWatts); }
                else if (_reader.NameEquals("noLoadSeconds")) { ok = ReadInt(path + ".noLoadSeconds", 10, 3600, false, out o.NoLoadSeconds); }
                else if (_reader.NameEquals("maxSessionMinutes")) { ok = ReadInt(path + ".maxSessionMinutes", 1, OutletConfig.MaxSessionMinutesHardCap, true, out o.MaxSessionMinutes); }
                else if (_reader.NameEquals("overloadWatts")) { ok = ReadNumber(path + ".overloadWatts", 1, 4000, true, out o.OverloadWatts); }
                else if (_reader.NameEquals("warnTempC")) { ok = ReadNumber(path + ".warnTempC", 20, 54, false, out o.WarnTempC); }
                else if (_reader.NameEquals("cutTempC")) { ok = ReadNumber(path + ".cutTempC", 30, OutletConfig.CutTempCHardCap, true, out o.CutTempC); }
                else if (_reader.NameEquals("minSwitchMs")) { ok = ReadInt(path + ".minSwitchMs", 500, 600000, false, out o.MinSwitchMs); }
                else if (_reader.NameEquals("meterFaultReads")) { ok = ReadInt(path + ".meterFaultReads", 1, 100, false, out o.MeterFaultReads); }
                else { ok = Unknown(path + ".", "id, kind, relayPin, buttonPin, meterAddress, tempPin, enabled, plugStart, plugWatts, plugConfirmMs, fullWatts, minChargeMinutes, fullConfirmSeconds, noLoadWatts, noLoadSeconds, maxSessionMinutes, overloadWatts, warnTempC, cutTempC, minSwitchMs, meterFaultReads"); }

                if (!ok)
                {
                    return null;
                }
            }

            if (step == FieldStep.Failed || !Required(path, o.Id, o.RelayPin == -1 ? -2 : o.RelayPin, "relayPin"))
            {
                return null;
            }

            if (o.Kind != "ebike" && o.Kind != "phone")
            {
                Fail(path + ".kind: '" + o.Kind + "' is not a kind of outlet; use \"ebike\" or \"phone\"");
                return null;
            }

            ApplyKindDefaults(o);
            return o;
        }

        /// <summary>Fills the power thresholds the config left out with the defaults of the outlet's kind.</summary>
        private static void ApplyKindDefaults(OutletConfig o)
        {
            bool phone = o.Kind == "phone";
            if (double.IsNaN(o.PlugWatts)) { o.PlugWatts = phone ? 2 : 5; }
            if (double.IsNaN(o.FullWatts)) { o.FullWatts = phone ? 1.5 : 10; }
            if (double.IsNaN(o.NoLoadWatts)) { o.NoLoadWatts = phone ? 0.5 : 2; }
            if (double.IsNaN(o.OverloadWatts)) { o.OverloadWatts = phone ? 60 : 600; }
        }

        // ---- primitives ----

        private bool Expect(JsonToken expected, string path, string what)
        {
            JsonToken token = _reader.Read();
            return token == expected || TypeError(token, path, what);
        }

        private bool BeginArray(string path)
        {
            return Expect(JsonToken.StartArray, path, "an array [...]");
        }

        /// <summary>Where <see cref="NextField"/> stopped inside an object.</summary>
        private enum FieldStep
        {
            /// <summary>A property name was read; its value comes next.</summary>
            Name,

            /// <summary>The object's closing brace was read.</summary>
            End,

            /// <summary>Something else came; <see cref="Error"/> names it.</summary>
            Failed,
        }

        /// <summary>Reads the next token inside the object at <paramref name="path"/>: a property name or its end.</summary>
        private FieldStep NextField(string path)
        {
            JsonToken token = _reader.Read();
            if (token == JsonToken.EndObject)
            {
                return FieldStep.End;
            }

            return CheckName(token, path) ? FieldStep.Name : FieldStep.Failed;
        }

        private bool CheckName(JsonToken token, string path)
        {
            if (token == JsonToken.PropertyName)
            {
                return true;
            }

            return TypeError(token, path, "a property name");
        }

        private bool TypeError(JsonToken token, string path, string what)
        {
            if (token == JsonToken.Error)
            {
                return Fail("config: not valid JSON (" + _reader.Error + "); fix the JSON syntax");
            }

            return Fail(path + ": expected " + what);
        }

        private bool Unknown(string prefix, string known)
        {
            string name = _reader.GetString();
            string[] names = known.Split(Comma);
            string best = null;
            int bestDistance = 4;
            for (int i = 0; i < names.Length; i++)
            {
                string candidate = names[i].Trim();
                int d = Distance(name, candidate);
                if (d < bestDistance)
                {
                    bestDistance = d;
                    best = candidate;
                }
            }

            if (best != null)
            {
                return Fail(prefix + name + ": unknown field; did you mean " + best + "?");
            }

            return Fail(prefix + name + ": unknown field; use one of " + known);
        }

        /// <summary>Edit distance (insert, delete, replace), for "did you mean" hints.</summary>
        private static int Distance(string a, string b)
        {
            int[] previous = new int[b.Length + 1];
            int[] current = new int[b.Length + 1];
            for (int j = 0; j <= b.Length; j++)
            {
                previous[j] = j;
            }

            for (int i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                for (int j = 1; j <= b.Length; j++)
                {
                    int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    int best = previous[j - 1] + cost;
                    if (previous[j] + 1 < best) { best = previous[j] + 1; }
                    if (current[j - 1] + 1 < best) { best = current[j - 1] + 1; }
                    current[j] = best;
                }

                int[] swap = previous;
                previous = current;
                current = swap;
            }

            return previous[b.Length];
        }

        private bool Required(string path, string id, int pin)
        {
            return Required(path, id, pin, "pin");
        }

        private bool Required(string path, string id, int pin, string pinName)
        {
            if (id == null)
            {
                return Fail(path + ".id: missing; give a device id like \"door1\" (a-z, 0-9, -; up to 16 characters)");
            }

            if (pin < 0)
            {
                return Fail(path + "." + pinName + ": missing; give the GPIO number the device is wired to");
            }

            return true;
        }

        private bool ReadString(string path, int maxLength, out string value)
        {
            value = null;
            JsonToken token = _reader.Read();
            if (token != JsonToken.String)
            {
                return TypeError(token, path, "a string");
            }

            value = _reader.GetString();
            if (value.Length > maxLength)
            {
                return Fail(path + ": is " + value.Length.ToString() + " characters long; use at most " + maxLength.ToString());
            }

            return true;
        }

        private bool ReadBool(string path, out bool value)
        {
            value = false;
            JsonToken token = _reader.Read();
            if (token == JsonToken.True || token == JsonToken.False)
            {
                value = token == JsonToken.True;
                return true;
            }

            return TypeError(token, path, "true or false");
        }

        private bool ReadInt(string path, int min, int max, bool hardCap, out int value)
        {
            value = 0;
            JsonToken token = _reader.Read();
            if (token != JsonToken.Number)
            {
                return TypeError(token, path, "a whole number in " + min.ToString() + ".." + max.ToString());
            }

            long v;
            if (!_reader.TryGetInt64(out v))
            {
                return Fail(path + ": " + NumberText.Format(_reader.GetDouble()) + " is not a whole number; use " + min.ToString() + ".." + max.ToString());
            }

            if (!InRange(path, v, min, max, hardCap))
            {
                return false;
            }

            value = (int)v;
            return true;
        }

        private bool ReadNumber(string path, double min, double max, bool hardCap, out double value)
        {
            value = 0;
            JsonToken token = _reader.Read();
            if (token != JsonToken.Number)
            {
                return TypeError(token, path, "a number in " + NumberText.Format(min) + ".." + NumberText.Format(max));
            }

            double v = _reader.GetDouble();
            if (double.IsNaN(v) || double.IsInfinity(v))
            {
                return Fail(path + ": is not a finite number; use " + NumberText.Format(min) + ".." + NumberText.Format(max));
            }

            if (!InRange(path, v, min, max, hardCap))
            {
                return false;
            }

            value = v;
            return true;
        }

        private bool InRange(string path, double v, double min, double max, bool hardCap)
        {
            string range = NumberText.Format(min) + ".." + NumberText.Format(max);
            if (v > max)
            {
                return Fail(path + ": " + NumberText.Format(v) + (hardCap ? " is above the hard cap " : " is above the maximum ") + NumberText.Format(max) + "; use " + range);
            }

            if (v < min)
            {
                return Fail(path + ": " + NumberText.Format(v) + " is below the minimum " + NumberText.Format(min) + "; use " + range);
            }

            return true;
        }

        private bool Fail(string message)
        {
            if (Error == null)
            {
                Error = message;
            }

            return false;
        }

        private StationConfig FailNull(string message)
        {
            Fail(message);
            return null;
        }
    }
}
