using Stations.Core.Protocol;
using Stations.Core.Station;

namespace Stations.Core.Link
{
    /// <summary>
    /// What the connectivity layer needs from the station controller; the composition root adapts
    /// <c>StationController</c> to it so the link can be tested with a fake station.
    /// </summary>
    public interface IStationLogic
    {
        /// <summary>Runs one step of the station logic (called once per <see cref="StationLink.Tick"/>).</summary>
        void Tick();

        /// <summary>Writes the telemetry fields after the envelope (`open`, `cnt`, `clim` …, not `q`).</summary>
        void WriteTelemetryBody(JsonWriter writer);

        /// <summary>True when something changed that deserves an extra telemetry snapshot.</summary>
        bool ImportantChangePending { get; }

        /// <summary>Called after an extra snapshot was taken.</summary>
        void ClearImportantChange();

        /// <summary>Executes a catalogue command (everything except `version`) and fills in the result.</summary>
        void Execute(string name, CommandArgs args, CommandResult result);

        /// <summary>The applied config's hash (8 lowercase hex chars, CRC-32 of the config bytes).</summary>
        string ConfigHash { get; }

        /// <summary>The telemetry period from the config, in seconds (default 60).</summary>
        int TelemetryPeriodSeconds { get; }

        /// <summary>True when the station started in crash-loop safe mode.</summary>
        bool SafeMode { get; }
    }
}
