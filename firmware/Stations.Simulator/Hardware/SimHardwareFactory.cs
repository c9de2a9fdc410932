using Stations.Core.Hardware;
using Stations.Core.Station;
using Stations.Simulator.World;

namespace Stations.Simulator.Hardware;

/// <summary>
/// Gives Core's controller the site's simulated devices by config device id and role, as the ESP32 factory gives it
/// GPIO pins. A device the config names but the site does not have reads like an unwired pin.
/// </summary>
public sealed class SimHardwareFactory : IHardwareFactory
{
    private static readonly DisconnectedDevice Nothing = new();
    private readonly StationSite _site;

    /// <summary>Creates the factory for a site.</summary>
    public SimHardwareFactory(StationSite site) => _site = site;

    /// <inheritdoc />
    public IDigitalOutput CreateOutput(string deviceId, string role, int pin)
    {
        SimRelay? output = role switch
        {
            "valve" when deviceId == _site.Dispenser.Id => _site.Dispenser.Valve,
            "relay" => Outlet(deviceId)?.Relay,
            "hvac" when deviceId == "ac1" => _site.Hvac,
            _ => null,
        };
        // The board starts with every relay off.
        output?.Write(false);
        return (IDigitalOutput?)output ?? Nothing;
    }

    /// <inheritdoc />
    public IDigitalInput CreateInput(string deviceId, string role, int pin) => role switch
    {
        "contact" when deviceId == "door1" => _site.Door,
        "sign" => _site.Sign,
        "beam" => _site.VisitorBeam ?? (IDigitalInput)Nothing,
        "button" when deviceId == _site.Dispenser.Id => _site.Dispenser.Button,
        _ => Nothing,
    };

    /// <inheritdoc />
    public IClimateSensor CreateClimateSensor(string deviceId, int pin, int pin2) => deviceId == "probe1" ? _site.Probe : Nothing;

    /// <inheritdoc />
    public IPowerMeter CreatePowerMeter(string deviceId, int meterAddress) => Outlet(deviceId) ?? (IPowerMeter)Nothing;

    /// <inheritdoc />
    public IPulseCounter CreatePulseCounter(string deviceId, int pin) => deviceId == _site.Dispenser.Id ? _site.Dispenser : Nothing;

    /// <inheritdoc />
    public ITemperatureProbe CreateTemperatureProbe(string deviceId, int pin) => Outlet(deviceId) ?? (ITemperatureProbe)Nothing;

    private SimOutletSocket? Outlet(string id) => _site.Outlets.FirstOrDefault(o => o.Id == id);
}
