using System.Text.Json;
using Stations.Simulator.Profiles;

namespace Stations.Simulator.Fleet;

/// <summary>
/// Writes the station config (docs/configuration.md, as in tests/Fixtures/config/valid) that matches a profile's
/// site: the device ids the simulated hardware answers to, on the pins of the reference wiring.
/// </summary>
public static class StationConfigBuilder
{
    private static readonly string[] Days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    private static readonly (int Relay, int Meter, int Temp)[] EBikePins = [(33, 1, 36), (21, 2, 39)];
    private static readonly (int Relay, int Meter)[] PhonePins = [(23, 3), (19, 4)];

    /// <summary>The config JSON (UTF-8) of station <paramref name="stationId"/> built from <paramref name="profile"/>.</summary>
    public static byte[] Build(string stationId, StationProfile profile)
    {
        if (profile.EBikeOutlets > EBikePins.Length || profile.PhoneOutlets > PhonePins.Length)
            throw new ArgumentException($"Profile '{profile.Name}' has more outlets than the reference wiring ({EBikePins.Length} e-bike, {PhonePins.Length} phone).");
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("stationId", stationId);
            w.WriteString("name", "模拟驿站 " + stationId + " (" + profile.Name + ")");
            w.WriteString("timeZone", "Asia/Shanghai");
            w.WriteNumber("utcOffsetMinutes", 480);
            w.WriteBoolean("attended", profile.Attended);
            w.WriteNumber("telemetrySeconds", 60);
            w.WriteNumber("powerBudgetWatts", 3000);
            w.WriteStartObject("hours");
            string hours = profile.OpenAllDay ? "24h" : $"{profile.OpenHour:00}:00-{profile.CloseHour:00}:00";
            foreach (string d in Days) w.WriteString(d, hours);
            w.WriteEndObject();
            if (profile.Attended)
            {
                w.WriteStartObject("sign");
                w.WriteString("id", "sign1");
                w.WriteNumber("pin", 13);
                w.WriteEndObject();
            }
            if (profile.HasVisitorBeam)
            {
                w.WriteStartObject("beam");
                w.WriteString("id", "beam1");
                w.WriteNumber("pin", 35);
                w.WriteEndObject();
            }
            w.WriteStartArray("doors");
            w.WriteStartObject();
            w.WriteString("id", "door1");
            w.WriteNumber("pin", 14);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteStartArray("dispensers");
            w.WriteStartObject();
            w.WriteString("id", "water1");
            w.WriteNumber("valvePin", 25);
            w.WriteNumber("buttonPin", 26);
            w.WriteNumber("flowPin", 27);
            w.WriteNumber("pulsesPerLitre", 450);
            w.WriteNumber("maxValveSeconds", 60);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteStartArray("probes");
            w.WriteStartObject();
            w.WriteString("id", "probe1");
            w.WriteNumber("pin", 4);
            w.WriteNumber("pin2", 16);
            w.WriteNumber("highC", 32);
            w.WriteNumber("lowC", 10);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteStartArray("hvac");
            if (profile.HasHvac)
            {
                w.WriteStartObject();
                w.WriteString("id", "ac1");
                w.WriteNumber("pin", 32);
                w.WriteString("mode", "cool");
                w.WriteString("probe", "probe1");
                w.WriteNumber("setpointC", 26);
                w.WriteBoolean("onlyWhenOpen", profile.Attended);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("outlets");
            for (int i = 0; i < profile.EBikeOutlets; i++)
            {
                w.WriteStartObject();
                w.WriteString("id", "ebike" + (i + 1));
                w.WriteString("kind", "ebike");
                w.WriteNumber("relayPin", EBikePins[i].Relay);
                w.WriteNumber("meterAddress", EBikePins[i].Meter);
                w.WriteNumber("tempPin", EBikePins[i].Temp);
                w.WriteEndObject();
            }
            for (int i = 0; i < profile.PhoneOutlets; i++)
            {
                w.WriteStartObject();
                w.WriteString("id", "phone" + (i + 1));
                w.WriteString("kind", "phone");
                w.WriteNumber("relayPin", PhonePins[i].Relay);
                w.WriteNumber("meterAddress", PhonePins[i].Meter);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return stream.ToArray();
    }
}
