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
        PaceInRealTime(settings, board.LinkTimeScale);
        _link = new StationLink(settings, board.Link, board.Flash, board.Clock, board, board);
        byte[] json = board.StoredConfigJson;
        if (!StationConfig.TryParse(json, 0, json.Length, out var config, out string error))
            throw new InvalidOperationException($"Station {board.StationId}: the stored config is invalid: {error}");
        _controller = new StationController(board.Clock, _link.Events, new SimHardwareFactory(board.Site), config) { ConfigStore = this, LockoutStore = new FlashLockoutStore(board.Flash), StoreCheck = new FlashStoreCheck(board.Flash) };
        _link.Start(this, board.BootReason, storeWasFormatted: false);
    }

    /// <summary>
    /// Stretches the link's timers by <paramref name="scale"/> virtual ms per real ms, so under an accelerated clock
    /// they still run in real time as on the boards: the ack timeout (else a gateway answering in 1 s looks dead at
    /// ×60 and every station re-sends its window every 0.5 s, which is what saturated big fleets), the reconnect
    /// backoff (else a refused connect is retried every 17 ms) and the send rate (else a replay goes 60× faster).
    /// Lockstep runs keep 1: they wait for the network after every step anyway.
    /// </summary>
    public static void PaceInRealTime(LinkSettings settings, double scale)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (scale <= 1) return;
        settings.AckTimeoutMs = Stretch(settings.AckTimeoutMs, scale);
        settings.ReconnectBaseMs = Stretch(settings.ReconnectBaseMs, scale);
        settings.ReconnectMaxMs = Stretch(settings.ReconnectMaxMs, scale);
        settings.StableConnectionMs = Stretch(settings.StableConnectionMs, scale);
        // Core counts whole messages per virtual second: the closest it gets to N per real second is 1 per virtual one.
        settings.SendRatePerSecond = Math.Max(1, (int)Math.Round(settings.SendRatePerSecond / scale));
    }

    private static int Stretch(int ms, double scale) => (int)Math.Min(int.MaxValue, ms * scale);

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
