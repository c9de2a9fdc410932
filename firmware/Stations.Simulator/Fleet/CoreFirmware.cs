using Stations.Core.Link;
using Stations.Core.Protocol;
using Stations.Core.Station;
using Stations.Simulator.Hardware;

namespace Stations.Simulator.Fleet;

/// <summary>
/// The real station firmware on a virtual board: Core's <see cref="StationLink"/> (outbox, connection, telemetry,
/// commands, acks) driving Core's <see cref="StationController"/> over the site's simulated hardware. Composed as the
/// ESP32 app composes it; a reboot builds a new instance over the same flash and stored config.
/// </summary>
public sealed class CoreFirmware : IStationFirmware, IStationLogic, IConfigStore
{
    /// <summary>Firmware version the virtual boards report.</summary>
    public const string Version = "1.0.0-sim";

    private readonly StationBoard _board;
    private readonly StationLink _link;
    private readonly StationController _controller;

    /// <summary>Boots Core on a board. Throws <see cref="InvalidOperationException"/> when the stored config is invalid.</summary>
    public CoreFirmware(StationBoard board)
    {
        _board = board;
        var settings = new LinkSettings { StationId = board.StationId, Password = board.Password, FirmwareVersion = Version, CleanSession = false };
        _link = new StationLink(settings, board.Link, board.Flash, board.Clock, board, board);
        byte[] json = board.StoredConfigJson;
        if (!StationConfig.TryParse(json, 0, json.Length, out var config, out string error))
            throw new InvalidOperationException($"Station {board.StationId}: the stored config is invalid: {error}");
        _controller = new StationController(board.Clock, _link.Events, new SimHardwareFactory(board.Site), config) { ConfigStore = this, LockoutStore = new FlashLockoutStore(board.Flash), StoreCheck = new FlashStoreCheck(board.Flash) };
        _link.Start(this, board.BootReason, storeWasFormatted: false);
    }

    /// <summary>The Core link (outbox, seq, boot id) for tests and status screens.</summary>
    public StationLink Link => _link;

    /// <summary>The Core controller for tests.</summary>
    public StationController Controller => _controller;

    /// <inheritdoc />
    void IStationFirmware.Tick() => _link.Tick();

    /// <inheritdoc />
    public void Shutdown() => _link.Shutdown();

    /// <inheritdoc />
    void IStationLogic.Tick() => _controller.Tick();

    /// <inheritdoc />
    public void WriteTelemetryBody(JsonWriter writer) => _controller.WriteTelemetryBody(writer);

    /// <inheritdoc />
    public bool ImportantChangePending => _controller.ImportantChangePending;

    /// <inheritdoc />
    public void ClearImportantChange() => _controller.ClearImportantChange();

    /// <inheritdoc />
    public void Execute(string name, CommandArgs args, CommandResult result) => _controller.Execute(name, args, result);

    /// <inheritdoc />
    public string ConfigHash => _controller.Config.Hash;

    /// <inheritdoc />
    public int TelemetryPeriodSeconds => _controller.Config.TelemetrySeconds;

    /// <inheritdoc />
    public bool SafeMode => _controller.SafeMode;

    /// <inheritdoc />
    public bool TrySaveConfig(byte[] json, int offset, int count)
    {
        _board.StoredConfigJson = json.AsSpan(offset, count).ToArray();
        return true;
    }
}
