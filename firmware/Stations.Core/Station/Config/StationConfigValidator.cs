using System.Collections;

namespace Stations.Core.Station
{
    /// <summary>
    /// Cross-field checks of a parsed config: id formats, unique ids and pins, ESP32 pin limits, threshold order,
    /// references between devices and the worst-case telemetry size. Returns the first problem with its fix, or null.
    /// </summary>
    public static class StationConfigValidator
    {
        /// <summary>Most devices of each kind (also bounded by the 1,024-byte telemetry limit).</summary>
        public const int MaxDevicesPerKind = 8;

        /// <summary>Bytes of a telemetry message left for the body after the envelope and `q`.</summary>
        public const int TelemetryBodyBudgetBytes = 1024 - 110;

        /// <summary>The first problem of <paramref name="c"/> as "field: problem; fix", or null when it is valid.</summary>
        public static string Validate(StationConfig c)
        {
            if (!IsStationId(c.StationId))
            {
                return "stationId: '" + c.StationId + "' is not a station id; use 3-32 characters a-z, 0-9 and '-', starting with a letter or digit (e.g. \"gz-gy-0001\")";
            }

            if (c.TimeZone == null || c.TimeZone.Length == 0)
            {
                return "timeZone: empty; give an IANA time zone name such as \"Asia/Shanghai\"";
            }

            string error = CheckCounts(c);
            if (error != null)
            {
                return error;
            }

            Hashtable ids = new Hashtable();
            Hashtable pins = new Hashtable();
            if (c.Sign != null && (error = CheckDevice("sign", c.Sign.Id, ids) ?? CheckPin("sign.pin", c.Sign.Pin, false, pins)) != null)
            {
                return error;
            }

            if (c.Beam != null && (error = CheckDevice("beam", c.Beam.Id, ids) ?? CheckPin("beam.pin", c.Beam.Pin, false, pins)) != null)
            {
                return error;
            }

            for (int i = 0; i < c.Doors.Length; i++)
            {
                DoorConfig d = c.Doors[i];
                string path = "doors[" + i.ToString() + "]";
                if ((error = CheckDevice(path, d.Id, ids) ?? CheckPin(path + ".pin", d.Pin, false, pins)) != null)
                {
                    return error;
                }

                if (d.LeftOpenMinutesUnattended > d.LeftOpenMinutes)
                {
                    return path + ".leftOpenMinutesUnattended: " + d.LeftOpenMinutesUnattended.ToString() + " is longer than leftOpenMinutes " + d.LeftOpenMinutes.ToString() + "; the unattended limit must be the same or stricter";
                }
            }

            for (int i = 0; i < c.Dispensers.Length; i++)
            {
                DispenserConfig d = c.Dispensers[i];
                string path = "dispensers[" + i.ToString() + "]";
                if ((error = CheckDevice(path, d.Id, ids) ?? CheckPin(path + ".valvePin", d.ValvePin, true, pins)
                    ?? CheckPin(path + ".buttonPin", d.ButtonPin, false, pins) ?? CheckPin(path + ".flowPin", d.FlowPin, false, pins)) != null)
                {
                    return error;
                }

                if (d.FlowPin >= 0 && d.MaxValveSeconds > 1 && d.DryAfterSeconds >= d.MaxValveSeconds)
                {
                    return path + ".dryAfterSeconds: " + d.DryAfterSeconds.ToString() + " is not shorter than maxValveSeconds " + d.MaxValveSeconds.ToString() + "; use 1.." + (d.MaxValveSeconds - 1).ToString();
                }
            }

            for (int i = 0; i < c.Probes.Length; i++)
            {
                ClimateProbeConfig p = c.Probes[i];
                string path = "probes[" + i.ToString() + "]";
                if ((error = CheckDevice(path, p.Id, ids) ?? CheckPin(path + ".pin", p.Pin, false, pins) ?? CheckPin(path + ".pin2", p.Pin2, false, pins)) != null)
                {
                    return error;
                }

                if (p.LowC + p.HysteresisC >= p.HighC - p.HysteresisC)
                {
                    return path + ".lowC: " + NumberText.Format(p.LowC) + " is too close to highC " + NumberText.Format(p.HighC) + "; keep lowC below highC - 2 x hysteresisC";
                }

                if (p.StaleSeconds < 2 * p.ReadSeconds)
                {
                    return path + ".staleSeconds: " + p.StaleSeconds.ToString() + " is shorter than two reads; use at least " + (2 * p.ReadSeconds).ToString();
                }
            }

            for (int i = 0; i < c.Hvac.Length; i++)
            {
                HvacConfig h = c.Hvac[i];
                string path = "hvac[" + i.ToString() + "]";
                if ((error = CheckDevice(path, h.Id, ids) ?? CheckPin(path + ".pin", h.Pin, true, pins)) != null)
                {
                    return error;
                }

                if (h.Mode != "heat" && h.Mode != "cool")
                {
                    return path + ".mode: '" + h.Mode + "' is not a mode; use \"heat\" or \"cool\"";
                }

                if (FindProbe(c, h.Probe) < 0)
                {
                    return path + ".probe: '" + h.Probe + "' is not a probe of this station; use the id of an entry in probes[]";
                }
            }

            for (int i = 0; i < c.Outlets.Length; i++)
            {
                OutletConfig o = c.Outlets[i];
                string path = "outlets[" + i.ToString() + "]";
                if ((error = CheckDevice(path, o.Id, ids) ?? CheckPin(path + ".relayPin", o.RelayPin, true, pins)
                    ?? CheckPin(path + ".buttonPin", o.ButtonPin, false, pins) ?? CheckPin(path + ".tempPin", o.TempPin, false, pins)
                    ?? CheckOutletThresholds(path, o)) != null)
                {
                    return error;
                }
            }

            return CheckTelemetrySize(c);
        }

        private static string CheckCounts(StationConfig c)
        {
            string max = MaxDevicesPerKind.ToString();
            if (c.Doors.Length > MaxDevicesPerKind) { return "doors: " + c.Doors.Length.ToString() + " doors; use at most " + max; }
            if (c.Dispensers.Length > MaxDevicesPerKind) { return "dispensers: " + c.Dispensers.Length.ToString() + " dispensers; use at most " + max; }
            if (c.Probes.Length > MaxDevicesPerKind) { return "probes: " + c.Probes.Length.ToString() + " probes; use at most " + max; }
            if (c.Hvac.Length > MaxDevicesPerKind) { return "hvac: " + c.Hvac.Length.ToString() + " relays; use at most " + max; }
            if (c.Outlets.Length > MaxDevicesPerKind) { return "outlets: " + c.Outlets.Length.ToString() + " outlets; use at most " + max; }
            return null;
        }

        private static string CheckOutletThresholds(string path, OutletConfig o)
        {
            if (o.NoLoadWatts >= o.PlugWatts)
            {
                return path + ".noLoadWatts: " + NumberText.Format(o.NoLoadWatts) + " is not below plugWatts " + NumberText.Format(o.PlugWatts) + "; a plug-in must draw more than no load";
            }

            if (o.NoLoadWatts >= o.FullWatts)
            {
                return path + ".noLoadWatts: " + NumberText.Format(o.NoLoadWatts) + " is not below fullWatts " + NumberText.Format(o.FullWatts) + "; lower noLoadWatts or raise fullWatts";
            }

            if (o.FullWatts >= o.OverloadWatts || o.PlugWatts >= o.OverloadWatts)
            {
                return path + ".overloadWatts: " + NumberText.Format(o.OverloadWatts) + " is not above plugWatts and fullWatts; raise it above both";
            }

            if (o.WarnTempC >= o.CutTempC)
            {
                return path + ".warnTempC: " + NumberText.Format(o.WarnTempC) + " is not below cutTempC " + NumberText.Format(o.CutTempC) + "; warn before cutting";
            }

            return null;
        }

        private static string CheckTelemetrySize(StationConfig c)
        {
            // Worst-case bytes of each element with the id's own length: see docs/configuration.md, "Telemetry size".
            int bytes = 140;
            for (int i = 0; i < c.Probes.Length; i++) { bytes += 36 + c.Probes[i].Id.Length; }
            for (int i = 0; i < c.Doors.Length; i++) { bytes += 22 + c.Doors[i].Id.Length; }
            for (int i = 0; i < c.Dispensers.Length; i++) { bytes += 45 + c.Dispensers[i].Id.Length; }
            for (int i = 0; i < c.Outlets.Length; i++) { bytes += 50 + c.Outlets[i].Id.Length; }
            for (int i = 0; i < c.Hvac.Length; i++) { bytes += 36 + c.Hvac[i].Id.Length; }
            if (bytes > TelemetryBodyBudgetBytes)
            {
                return "outlets: the devices need up to " + bytes.ToString() + " bytes of telemetry, over the " + TelemetryBodyBudgetBytes.ToString() + " available; remove devices or shorten their ids";
            }

            return null;
        }

        private static int FindProbe(StationConfig c, string id)
        {
            for (int i = 0; i < c.Probes.Length; i++)
            {
                if (c.Probes[i].Id == id)
                {
                    return i;
                }
            }

            return -1;
        }

        private static string CheckDevice(string path, string id, Hashtable ids)
        {
            if (!IsDeviceId(id))
            {
                return path + ".id: '" + id + "' is not a device id; use 1-16 characters a-z, 0-9 and '-', starting with a letter (e.g. \"ebike1\")";
            }

            if (ids.Contains(id))
            {
                return path + ".id: '" + id + "' is already used by " + (string)ids[id] + "; give every device its own id";
            }

            ids[id] = path;
            return null;
        }

        /// <summary>Checks an ESP32 GPIO; -1 (not fitted) passes.</summary>
        private static string CheckPin(string path, int pin, bool output, Hashtable pins)
        {
            if (pin < 0)
            {
                return null;
            }

            if (pin >= 6 && pin <= 11)
            {
                return path + ": GPIO " + pin.ToString() + " is wired to the module's flash; use another GPIO (not 6-11)";
            }

            if (output && pin >= 34)
            {
                return path + ": GPIO " + pin.ToString() + " is input-only; drive relays from GPIO 0-33 (not 6-11)";
            }

            if (output && (pin == 0 || pin == 2 || pin == 5 || pin == 12 || pin == 15))
            {
                return path + ": GPIO " + pin.ToString() + " is a strapping pin (a relay there can switch at boot); use another GPIO for relays (not 0, 2, 5, 12, 15)";
            }

            if (pin > 39)
            {
                return path + ": GPIO " + pin.ToString() + " does not exist; use 0-39";
            }

            object key = pin;
            if (pins.Contains(key))
            {
                return path + ": GPIO " + pin.ToString() + " is already used by " + (string)pins[key] + "; give every device its own pin";
            }

            pins[key] = path;
            return null;
        }

        /// <summary>Station ids: `^[a-z0-9][a-z0-9-]{2,31}$`.</summary>
        public static bool IsStationId(string id)
        {
            if (id == null || id.Length < 3 || id.Length > 32)
            {
                return false;
            }

            for (int i = 0; i < id.Length; i++)
            {
                char ch = id[i];
                bool ok = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || (ch == '-' && i > 0);
                if (!ok)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Device ids: `^[a-z][a-z0-9-]{0,15}$`.</summary>
        public static bool IsDeviceId(string id)
        {
            if (id == null || id.Length < 1 || id.Length > 16 || id[0] < 'a' || id[0] > 'z')
            {
                return false;
            }

            for (int i = 1; i < id.Length; i++)
            {
                char ch = id[i];
                if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-'))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
