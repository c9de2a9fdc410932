using System;
using System.Collections;
using Stations.Core.Hardware;
using Stations.Core.Protocol;

namespace Stations.Core.Link
{
    /// <summary>
    /// The station's connection to the gateway: keeps the MQTT session up (backoff with jitter, birth and will,
    /// resubscribe), takes telemetry snapshots, sends the outbox (replay oldest first, live messages first in line, at a
    /// bounded rate with a window of unacknowledged messages), applies acks and runs commands. The device app and the
    /// simulator call <see cref="Tick"/> in their loop; nothing here blocks except the adapter's connect.
    /// </summary>
    public sealed class StationLink
    {
        private const int TokenCost = 1000;

        private readonly LinkSettings _settings;
        private readonly IMessageLink _link;
        private readonly IClock _clock;
        private readonly IRebooter _rebooter;
        private readonly Topics _topics;
        private readonly Outbox _outbox;
        private readonly OutboundMessages _messages;
        private readonly CommandMemory _commandMemory;
        private readonly ReconnectBackoff _backoff;
        private readonly JsonWriter _statusWriter = new JsonWriter(ProtocolCodes.MaxStatusBytes);
        private readonly JsonReader _ackReader = new JsonReader(new byte[2], 0, 2);
        private readonly byte[] _willPayload;
        private readonly ArrayList _openReports = new ArrayList();
        private readonly OutboxCursor _live = new OutboxCursor();
        private readonly OutboxCursor _replay = new OutboxCursor();
        private readonly OutboxCursor _replayEnd = new OutboxCursor();
        private readonly OutboxRecord _record = new OutboxRecord();
        private readonly uint[] _flightBoot;
        private readonly int[] _flightSeq;
        private IStationLogic _station;
        private CommandProcessor _commands;
        private int _flightCount;
        private bool _online;
        private bool _replayDone;
        private long _onlineSinceMs;
        private long _nextAttemptMs;
        private long _tokens;
        private long _lastRefillMs;
        private long _lastAckProgressMs;
        private long _nextTelemetryMs;
        private long _lastTelemetryMs = long.MinValue / 2;
        private long _lastAckSaveMs;
        private long _rebootDeadlineMs;
        private bool _rebootIssued;
        private int _ackedSeqThisBoot;
        private bool _wasSynced;
        private long _lastClockOffsetMs;
        private string _birthConfigHash;
        private int _birthTelemetrySeconds;
        private bool _birthSafeMode;

        /// <summary>
        /// Opens the outbox and the command memory on <paramref name="store"/> and picks this boot's random id. Call
        /// <see cref="Start"/> before the station logic runs, then <see cref="Tick"/> in a loop.
        /// </summary>
        public StationLink(LinkSettings settings, IMessageLink link, IFlashStore store, IClock clock, IRandom random, IRebooter rebooter)
        {
            if (settings == null || !Topics.IsValidStationId(settings.StationId))
            {
                throw new ArgumentException("the station id must match ^[a-z0-9][a-z0-9-]{2,31}$ (e.g. gz-gy-0001); fix it in the provisioning file");
            }

            _settings = settings;
            _link = link;
            _clock = clock;
            _rebooter = rebooter;
            _topics = new Topics(settings.StationId);
            _backoff = new ReconnectBackoff(random, settings.ReconnectBaseMs, settings.ReconnectMaxMs);
            _flightBoot = new uint[settings.InFlightWindow];
            _flightSeq = new int[settings.InFlightWindow];

            uint boot = (uint)((random.Next(65536) << 16) | random.Next(65536));
            _outbox = new Outbox(store, settings.OutboxBudgetBytes, settings.SlotsPerSegment);
            _outbox.Open(_openReports);
            _outbox.Track(_live);
            _outbox.Track(_replay);
            _outbox.Track(_replayEnd);
            _messages = new OutboundMessages(_outbox, clock, boot);
            _commandMemory = new CommandMemory(store);
            _commandMemory.Load();
            Events = new EventEncoder(_messages);

            _statusWriter.Reset();
            _statusWriter.BeginObject();
            _statusWriter.Int("v", ProtocolCodes.SchemaVersion);
            _statusWriter.String("boot", _messages.BootHex);
            _statusWriter.String("state", ProtocolCodes.StateOffline);
            _statusWriter.EndObject();
            _willPayload = new byte[_statusWriter.Length];
            Array.Copy(_statusWriter.Buffer, _willPayload, _statusWriter.Length);
        }

        /// <summary>The event sink to give the station controller: events go to the outbox, then to the gateway.</summary>
        public EventEncoder Events { get; private set; }

        /// <summary>This boot's id (8 hex chars).</summary>
        public string BootId { get { return _messages.BootHex; } }

        /// <summary>The outbox (for status screens and tests).</summary>
        public Outbox Outbox { get { return _outbox; } }

        /// <summary>True while the session is up and the birth message went out.</summary>
        public bool IsOnline { get { return _online; } }

        /// <summary>Connect attempts since boot.</summary>
        public int ConnectAttempts { get; private set; }

        /// <summary>Messages published from the outbox since boot (re-sends included).</summary>
        public int MessagesSent { get; private set; }

        /// <summary>Messages sent and not yet acknowledged.</summary>
        public int InFlight { get { return _flightCount; } }

        /// <summary>Steps that threw (flash or adapter failures) and were skipped; for diagnostics.</summary>
        public int FailedSteps { get; private set; }

        /// <summary>The newest seq given out this boot.</summary>
        public int LastSeq { get { return _messages.LastSeq; } }

        /// <summary>The command processor (for tests and logs).</summary>
        public CommandProcessor Commands { get { return _commands; } }

        /// <summary>
        /// Stores the `boot` event (and an `outbox.dropped` report for each damaged record found while opening the outbox)
        /// and starts driving <paramref name="station"/>. <paramref name="bootReason"/> is a protocol reason code;
        /// <paramref name="storeWasFormatted"/> is true when the device had to format the flash partition.
        /// </summary>
        public void Start(IStationLogic station, string bootReason, bool storeWasFormatted)
        {
            _station = station;
            _commands = new CommandProcessor(station, _clock, _messages, _commandMemory, _settings.FirmwareVersion);
            string storeState = storeWasFormatted ? ProtocolCodes.StoreFormatted : (_outbox.Recovered ? ProtocolCodes.StoreRecovered : ProtocolCodes.StoreOk);
            Events.Booted(_settings.FirmwareVersion, bootReason, station.SafeMode, storeState);
            for (int i = 0; i < _openReports.Count; i++)
            {
                _messages.ReportDrop((OutboxDropReport)_openReports[i]);
            }

            _openReports.Clear();
            _messages.FlushPendingDrops();
            long now = _clock.UptimeMs;
            _nextTelemetryMs = now;
            _lastRefillMs = now;
            _lastAckSaveMs = now;
        }

        /// <summary>One step: station logic, clock, telemetry, connection, received messages, sending, persistence, reboot.</summary>
        public void Tick()
        {
            if (_station == null)
            {
                throw new InvalidOperationException("call Start before Tick");
            }

            long now = _clock.UptimeMs;
            _station.Tick();
            try
            {
                CheckClock();
                TakeTelemetryIfDue(now);
            }
            catch (Exception)
            {
                FailedSteps++;
            }

            KeepConnected(now);
            HandleReceived(now);
            if (_online)
            {
                try
                {
                    RepublishBirthIfChanged(now);
                    Send(now);
                }
                catch (Exception)
                {
                    // E.g. a flash read error: next tick tries again; the link stays up.
                    FailedSteps++;
                }
            }

            if (now - _lastAckSaveMs >= _settings.AckSaveIntervalMs)
            {
                _lastAckSaveMs = now;
                SaveAcks();
            }

            RebootIfDue(now);
        }

        /// <summary>Clean shutdown: publishes the offline status, disconnects and saves the ack marks.</summary>
        public void Shutdown()
        {
            if (_link.IsConnected)
            {
                _link.Publish(_topics.Status, _willPayload, 0, _willPayload.Length, 1, true);
                _link.Disconnect();
            }

            _online = false;
            SaveAcks();
        }

        private void CheckClock()
        {
            if (!_clock.IsSynced)
            {
                return;
            }

            long offset = _clock.UtcNowMs - _clock.UptimeMs;
            if (!_wasSynced)
            {
                _wasSynced = true;
                _lastClockOffsetMs = offset;
                Events.TimeSynced(0);
                return;
            }

            long step = offset - _lastClockOffsetMs;
            if (step > _settings.ClockStepReportMs || step < -_settings.ClockStepReportMs)
            {
                _lastClockOffsetMs = offset;
                Events.TimeSynced(step);
            }
        }

        private void TakeTelemetryIfDue(long now)
        {
            int periodSeconds = _station.TelemetryPeriodSeconds;
            long periodMs = (periodSeconds > 0 ? periodSeconds : 60) * 1000L;
            if (now >= _nextTelemetryMs)
            {
                _nextTelemetryMs += periodMs;
                if (_nextTelemetryMs <= now)
                {
                    // Catch up without a burst (e.g. after a long blocking connect).
                    _nextTelemetryMs = now + periodMs;
                }

                TakeTelemetry(now);
            }
            else if (_station.ImportantChangePending && now - _lastTelemetryMs >= _settings.ExtraTelemetryMinIntervalMs)
            {
                TakeTelemetry(now);
                _station.ClearImportantChange();
            }
        }

        private void TakeTelemetry(long now)
        {
            _lastTelemetryMs = now;
            int waiting = _messages.Waiting;
            JsonWriter w = _messages.Begin();
            _station.WriteTelemetryBody(w);
            w.Int("q", waiting);
            _messages.Commit(OutboxRecordKind.Telemetry);
        }

        private void KeepConnected(long now)
        {
            if (_online && !_link.IsConnected)
            {
                _online = false;
                _nextAttemptMs = now + _backoff.NextDelayMs();
            }

            if (_online && now - _onlineSinceMs >= _settings.StableConnectionMs)
            {
                _backoff.Reset();
            }

            if (_online || now < _nextAttemptMs)
            {
                return;
            }

            ConnectAttempts++;
            bool ok;
            try
            {
                ok = _link.Connect(_settings.StationId, _settings.StationId, _settings.Password, _topics.Status, _willPayload, _settings.CleanSession);
                ok = ok && _link.Subscribe(_topics.Command, 1) && _link.Subscribe(_topics.Ack, 1) && PublishBirth(now);
            }
            catch (Exception)
            {
                // Adapters should return false, but a throwing one must not stop the station's loop.
                ok = false;
            }

            if (!ok)
            {
                try
                {
                    _link.Disconnect();
                }
                catch (Exception)
                {
                    // Already gone.
                }

                _nextAttemptMs = now + _backoff.NextDelayMs();
                return;
            }

            _online = true;
            _onlineSinceMs = now;
            StartReplay(now);
        }

        private void StartReplay(long now)
        {
            // Everything stored so far is replayed oldest first; whatever is stored from now on is live.
            _flightCount = 0;
            _outbox.MoveToStart(_replay);
            _outbox.MoveToEnd(_live);
            _replayEnd.Set(_live);
            _replayDone = false;
            _lastAckProgressMs = now;
            _lastRefillMs = now;
            _tokens = (long)_settings.InFlightWindow * TokenCost;
        }

        private bool PublishBirth(long now)
        {
            _birthConfigHash = _station.ConfigHash;
            _birthTelemetrySeconds = _station.TelemetryPeriodSeconds;
            _birthSafeMode = _station.SafeMode;
            _statusWriter.Reset();
            _statusWriter.BeginObject();
            _statusWriter.Int("v", ProtocolCodes.SchemaVersion);
            _statusWriter.String("boot", _messages.BootHex);
            _statusWriter.Int("up", now);
            if (_clock.IsSynced)
            {
                _statusWriter.Int("ts", _clock.UtcNowMs);
            }

            _statusWriter.String("state", ProtocolCodes.StateOnline);
            _statusWriter.String("fw", _settings.FirmwareVersion);
            _statusWriter.String("cfg", _birthConfigHash);
            _statusWriter.Bool("safe", _birthSafeMode);
            _statusWriter.Int("tel", _birthTelemetrySeconds > 0 ? _birthTelemetrySeconds : 60);
            _statusWriter.EndObject();
            return !_statusWriter.Overflowed && _link.Publish(_topics.Status, _statusWriter.Buffer, 0, _statusWriter.Length, 1, true);
        }

        private void RepublishBirthIfChanged(long now)
        {
            if (_station.ConfigHash != _birthConfigHash || _station.TelemetryPeriodSeconds != _birthTelemetrySeconds || _station.SafeMode != _birthSafeMode)
            {
                PublishBirth(now);
            }
        }

        private void HandleReceived(long now)
        {
            for (int i = 0; i < _settings.MaxReceivedPerTick; i++)
            {
                ReceivedMessage message = _link.TakeReceived();
                if (message == null)
                {
                    return;
                }

                try
                {
                    if (message.Topic == _topics.Ack)
                    {
                        HandleAck(message, now);
                    }
                    else if (message.Topic == _topics.Command)
                    {
                        _commands.Handle(message);
                    }
                }
                catch (Exception)
                {
                    // A flash failure while handling one message must not stop the loop; the record is retried or reported.
                    FailedSteps++;
                }
            }
        }

        private void HandleAck(ReceivedMessage message, long now)
        {
            if (message.Payload.Length > ProtocolCodes.MaxAckBytes)
            {
                return;
            }

            _ackReader.Reset(message.Payload, 0, message.Payload.Length);
            if (_ackReader.Read() != JsonToken.StartObject)
            {
                return;
            }

            uint boot = 0;
            bool hasBoot = false;
            long seq = -1;
            while (true)
            {
                JsonToken token = _ackReader.Read();
                if (token != JsonToken.PropertyName)
                {
                    break;
                }

                if (_ackReader.NameEquals("boot"))
                {
                    hasBoot = _ackReader.Read() == JsonToken.String && HexId.TryParse(_ackReader.GetString(), out boot);
                }
                else if (_ackReader.NameEquals("seq"))
                {
                    if (_ackReader.Read() != JsonToken.Number || !_ackReader.TryGetInt64(out seq))
                    {
                        seq = -1;
                    }
                }
                else
                {
                    _ackReader.Skip();
                }
            }

            if (_ackReader.Token != JsonToken.EndObject || !hasBoot || seq < 1 || seq > int.MaxValue)
            {
                return;
            }

            ApplyAck(boot, (int)seq, now);
        }

        private void ApplyAck(uint boot, int seq, long now)
        {
            if (boot == _messages.Boot && seq > _messages.LastSeq)
            {
                // The gateway cannot have stored what was never sent; a too-high ack would hide records not yet written.
                seq = _messages.LastSeq;
            }

            bool progress = _outbox.Ack(boot, seq);
            if (boot == _messages.Boot && seq > _ackedSeqThisBoot)
            {
                _ackedSeqThisBoot = seq;
            }

            int kept = 0;
            for (int i = 0; i < _flightCount; i++)
            {
                if (_flightBoot[i] == boot && _flightSeq[i] <= seq)
                {
                    progress = true;
                    continue;
                }

                _flightBoot[kept] = _flightBoot[i];
                _flightSeq[kept] = _flightSeq[i];
                kept++;
            }

            _flightCount = kept;
            if (progress)
            {
                _lastAckProgressMs = now;
            }
        }

        private void Send(long now)
        {
            long elapsed = now - _lastRefillMs;
            _lastRefillMs = now;
            if (elapsed > 0)
            {
                long cap = (long)_settings.SendRatePerSecond * TokenCost;
                _tokens += elapsed * _settings.SendRatePerSecond;
                if (_tokens > cap)
                {
                    _tokens = cap;
                }
            }

            if (_flightCount > 0 && now - _lastAckProgressMs >= _settings.AckTimeoutMs)
            {
                // No ack for too long: the gateway may have missed them (e.g. it restarted). Send everything unacked again.
                _flightCount = 0;
                _outbox.MoveToStart(_replay);
                _replayEnd.Set(_live);
                _replayDone = false;
                _lastAckProgressMs = now;
            }

            while (_flightCount < _flightBoot.Length && _tokens >= TokenCost)
            {
                OutboxCursor from = null;
                if (_outbox.ReadAt(_live, _record))
                {
                    from = _live;
                }
                else if (!_replayDone)
                {
                    if (_outbox.ReadAt(_replay, _record) && !_replay.IsAtOrAfter(_replayEnd))
                    {
                        from = _replay;
                    }
                    else
                    {
                        _replayDone = true;
                    }
                }

                if (from == null)
                {
                    return;
                }

                string topic = _record.Kind == OutboxRecordKind.Telemetry ? _topics.Telemetry
                    : (_record.Kind == OutboxRecordKind.Event ? _topics.Event : _topics.CommandResult);
                if (!_link.Publish(topic, _record.Payload, 0, _record.PayloadLength, 1, false))
                {
                    return;
                }

                _outbox.Advance(from, _record);
                if (_flightCount == 0)
                {
                    _lastAckProgressMs = now;
                }

                _flightBoot[_flightCount] = _record.Boot;
                _flightSeq[_flightCount] = _record.Seq;
                _flightCount++;
                _tokens -= TokenCost;
                MessagesSent++;
            }
        }

        private void SaveAcks()
        {
            try
            {
                _outbox.SaveAcksIfChanged();
            }
            catch (Exception)
            {
                // Only re-sends are at stake; the next save tries again.
            }
        }

        private void RebootIfDue(long now)
        {
            if (_commands == null || !_commands.RebootRequested || _rebootIssued)
            {
                return;
            }

            if (_rebootDeadlineMs == 0)
            {
                _rebootDeadlineMs = now + _settings.RebootAckWaitMs;
            }

            // The result is in the outbox either way; waiting for its ack just lets the gateway see it before we go.
            if (_ackedSeqThisBoot >= _commands.RebootResultSeq || now >= _rebootDeadlineMs)
            {
                _rebootIssued = true;
                Shutdown();
                _rebooter.Reboot();
            }
        }
    }
}
