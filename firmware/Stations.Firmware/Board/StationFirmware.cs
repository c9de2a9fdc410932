using Stations.Core.Hardware;
using Stations.Core.Link;
using Stations.Core.Protocol;
using Stations.Core.Station;
using Stations.Firmware.Storage;

namespace Stations.Firmware.Board
{
    /// <summary>
    /// Core on the ESP32: <see cref="StationLink"/> (outbox, MQTT session, telemetry, commands, acks) driving
    /// <see cref="StationController"/> over the board's adapters, composed the way the simulator composes it.
    /// </summary>
    public sealed class StationFirmware : IStationLogic
    {
        private readonly StationLink _link;
        private readonly StationController _controller;

        /// <summary>Builds the link and the controller and stores the `boot` event; call <see cref="Tick"/> in the main loop.</summary>
        public StationFirmware(LinkSettings settings, IMessageLink link, IFlashStore flash, IClock clock, IRandom random, IRebooter rebooter,
            IHardwareFactory hardware, StationConfig config, FlashConfigStore configStore, bool safeMode, string bootReason, bool storeWasFormatted)
        {
            _link = new StationLink(settings, link, flash, clock, random, rebooter);
            _controller = new StationController(clock, _link.Events, hardware, config, safeMode);
            _controller.ConfigStore = configStore;
            _controller.LockoutStore = new FlashLockoutStore(flash);
            _controller.StoreCheck = new FlashStoreCheck(flash);
            _controller.SelfTestClickMs = StationController.BoardSelfTestClickMs;
            _link.Start(this, bootReason, storeWasFormatted);
        }

        /// <summary>True while the MQTT session is up (for the status LED).</summary>
        public bool IsOnline
        {
            get { return _link.IsOnline; }
        }

        /// <summary>One pass: the link ticks the controller, sends, receives and applies acks.</summary>
        public void Tick()
        {
            _link.Tick();
        }

        /// <inheritdoc />
        void IStationLogic.Tick()
        {
            _controller.Tick();
        }

        /// <inheritdoc />
        public void WriteTelemetryBody(JsonWriter writer)
        {
            _controller.WriteTelemetryBody(writer);
        }

        /// <inheritdoc />
        public bool ImportantChangePending
        {
            get { return _controller.ImportantChangePending; }
        }

        /// <inheritdoc />
        public void ClearImportantChange()
        {
            _controller.ClearImportantChange();
        }

        /// <inheritdoc />
        public void Execute(string name, CommandArgs args, CommandResult result)
        {
            _controller.Execute(name, args, result);
        }

        /// <inheritdoc />
        public string ConfigHash
        {
            get { return _controller.Config.Hash; }
        }

        /// <inheritdoc />
        public int TelemetryPeriodSeconds
        {
            get { return _controller.Config.TelemetrySeconds; }
        }

        /// <inheritdoc />
        public bool SafeMode
        {
            get { return _controller.SafeMode; }
        }
    }
}
