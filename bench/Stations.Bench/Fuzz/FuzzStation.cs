using Stations.Core.Hardware;
using Stations.Core.Link;
using Stations.Core.Protocol;
using Stations.Core.Station;

namespace Stations.Bench.Fuzz;

/// <summary>A station that records which command reached it and a synced clock, for feeding fuzzed `cmd` payloads to the Core.</summary>
public sealed class FuzzStation : IStationLogic, IClock
{
    /// <summary>The name of the last command executed, or null.</summary>
    public string? LastExecuted { get; set; }

    /// <inheritdoc />
    public bool ImportantChangePending => false;

    /// <inheritdoc />
    public string ConfigHash => "5d41402a";

    /// <inheritdoc />
    public int TelemetryPeriodSeconds => 60;

    /// <inheritdoc />
    public bool SafeMode => false;

    /// <inheritdoc />
    public long UptimeMs => 61_000;

    /// <inheritdoc />
    public bool IsSynced => true;

    /// <inheritdoc />
    public long UtcNowMs => 1_763_903_594_877; // before the golden vectors' `exp`, so they are not expired

    /// <inheritdoc />
    public void Tick()
    {
    }

    /// <inheritdoc />
    public void ClearImportantChange()
    {
    }

    /// <inheritdoc />
    public void WriteTelemetryBody(JsonWriter writer)
    {
    }

    /// <inheritdoc />
    public void Execute(string name, CommandArgs args, CommandResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        LastExecuted = name;
        result.Set(ProtocolCodes.ResultDone, name);
    }
}
