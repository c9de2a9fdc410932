using Stations.Core.Station;
using Stations.Firmware.Board;

namespace Stations.Cli.Provisioning;

/// <summary>
/// Checks a station config's pins against the station board (ESP32-WROVER-E, firmware/Stations.Firmware/Board): the
/// same rules the board's hardware factory applies at boot (Esp32PinRules), plus the pins the board itself uses
/// (PZEM bus, status LED) and the DHT22 echo pins of the pin map. Catches at the desk what would stop the board.
/// </summary>
public static class WroverPinCheck
{
    /// <summary>Every problem as `device: GPIO n …; fix`, empty when the board can run the config.</summary>
    public static IReadOnlyList<string> Check(StationConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var problems = new List<string>();
        void Add(string device, string? problem)
        {
            if (problem != null) problems.Add(device + ": " + problem);
        }

        void Relay(string device, int pin) => Add(device, Reserved(pin) ?? Esp32PinRules.CheckRelay(pin));
        void Input(string device, int pin)
        {
            if (pin >= 0) Add(device, Reserved(pin) ?? Esp32PinRules.CheckInput(pin));
        }

        void Dht(string device, int trigger, int echo)
        {
            Add(device, Reserved(trigger) ?? Esp32PinRules.CheckDhtTrigger(trigger));
            int wired = echo >= 0 ? echo : PinMap.DhtEchoFor(trigger);
            if (wired < 0)
                problems.Add(device + ": GPIO " + trigger + " has no DHT22 echo pin on this board; give pin2 (the RMT echo pin on the same data line) or use a probe pair from hardware/pinmap.md");
            else
                Add(device, Reserved(wired) ?? Esp32PinRules.CheckInput(wired));
        }

        if (config.Sign != null) Input(config.Sign.Id, config.Sign.Pin);
        if (config.Beam != null) Input(config.Beam.Id, config.Beam.Pin);
        foreach (var d in config.Doors) Input(d.Id, d.Pin);
        foreach (var d in config.Dispensers)
        {
            Relay(d.Id, d.ValvePin);
            Input(d.Id, d.ButtonPin);
            Input(d.Id, d.FlowPin);
        }

        foreach (var p in config.Probes) Dht(p.Id, p.Pin, p.Pin2);
        foreach (var h in config.Hvac) Relay(h.Id, h.Pin);
        foreach (var o in config.Outlets)
        {
            Relay(o.Id, o.RelayPin);
            Input(o.Id, o.ButtonPin);
            if (o.TempPin >= 0) Dht(o.Id, o.TempPin, -1);
            if (o.MeterAddress is < 1 or > 247)
                problems.Add(o.Id + ": meterAddress " + o.MeterAddress + " is outside 1-247; set the PZEM-004T's address and meterAddress to the same value (hardware/wiring.md)");
        }

        return problems;
    }

    /// <summary>Why the board itself uses <paramref name="gpio"/> (PZEM bus, status LED), or null.</summary>
    private static string? Reserved(int gpio)
    {
        if (gpio == PinMap.PzemTx || gpio == PinMap.PzemRx)
            return "GPIO " + gpio + " is the PZEM-004T power-meter bus (UART2, " + PinMap.PzemTx + "/" + PinMap.PzemRx + "); use a free pin from hardware/pinmap.md";
        if (gpio == PinMap.StatusLed)
            return "GPIO " + gpio + " drives the status LED; use a free pin from hardware/pinmap.md";
        return null;
    }
}
