using System;
using Stations.Core.Hardware;
using Stations.Core.Protocol;
using Stations.Core.Station;

namespace Stations.Core.Link
{
    /// <summary>
    /// Applies the station's command rules (docs/protocol.md, "Commands"): ignores retained commands, answers a repeated
    /// id with its stored result instead of running it again, refuses expired commands and switch-on commands while the
    /// clock is unsynced, answers `version` itself and hands the rest to the station; every command that is not ignored
    /// gets exactly one result, stored in the outbox like an event.
    /// </summary>
    public sealed class CommandProcessor
    {
        private readonly IStationLogic _station;
        private readonly IClock _clock;
        private readonly OutboundMessages _messages;
        private readonly CommandMemory _memory;
        private readonly string _firmwareVersion;
        private readonly JsonReader _reader = new JsonReader(new byte[2], 0, 2);
        private readonly JsonWriter _dataWriter = new JsonWriter(OutboxRecord.MaxPayloadBytes);
        private readonly CommandArgs _args = new CommandArgs();
        private readonly CommandResult _result = new CommandResult();

        /// <summary>Creates the processor.</summary>
        public CommandProcessor(IStationLogic station, IClock clock, OutboundMessages messages, CommandMemory memory, string firmwareVersion)
        {
            _station = station;
            _clock = clock;
            _messages = messages;
            _memory = memory;
            _firmwareVersion = firmwareVersion;
        }

        /// <summary>True once a `reboot` command succeeded; the link reboots after its result is sent.</summary>
        public bool RebootRequested { get; private set; }

        /// <summary>The seq of the successful reboot result.</summary>
        public int RebootResultSeq { get; private set; }

        /// <summary>Why the last command was ignored without a result (for logs), or null.</summary>
        public string LastIgnoredReason { get; private set; }

        /// <summary>Handles one message received on the station's `cmd` topic.</summary>
        public void Handle(ReceivedMessage message)
        {
            LastIgnoredReason = null;
            if (message.Retain)
            {
                LastIgnoredReason = "retained command ignored (a retained command would replay on every connect)";
                return;
            }

            string id = null;
            string name = null;
            long expiresMs = 0;
            bool hasExpiry = false;
            string error = null;
            _args.Clear();
            _reader.Reset(message.Payload, 0, message.Payload.Length);
            if (message.Payload.Length > ProtocolCodes.MaxCommandBytes)
            {
                error = "command larger than 8,192 bytes";
            }
            else if (_reader.Read() != JsonToken.StartObject)
            {
                error = _reader.Token == JsonToken.Error ? _reader.Error : "a command must be a JSON object";
            }
            else
            {
                while (error == null)
                {
                    JsonToken token = _reader.Read();
                    if (token == JsonToken.EndObject)
                    {
                        break;
                    }

                    if (token != JsonToken.PropertyName)
                    {
                        error = token == JsonToken.Error ? _reader.Error : "malformed command";
                        break;
                    }

                    if (_reader.NameEquals("id"))
                    {
                        id = ReadStringValue(ref error, "id");
                    }
                    else if (_reader.NameEquals("name"))
                    {
                        name = ReadStringValue(ref error, "name");
                    }
                    else if (_reader.NameEquals("exp"))
                    {
                        if (_reader.Read() != JsonToken.Number || !_reader.TryGetInt64(out expiresMs))
                        {
                            error = "exp must be an integer (UTC Unix ms)";
                        }

                        hasExpiry = true;
                    }
                    else if (_reader.NameEquals("args"))
                    {
                        error = ReadArgs(message.Payload);
                    }
                    else
                    {
                        _reader.Skip();
                        if (_reader.Token == JsonToken.Error)
                        {
                            error = _reader.Error;
                        }
                    }
                }
            }

            if (!IsValidId(id))
            {
                LastIgnoredReason = "command without a valid id ignored (no result can name it)";
                return;
            }

            RememberedCommand seen = _memory.Find(id);
            if (seen != null)
            {
                if (seen.Finished)
                {
                    Publish(id, seen.Code, seen.Detail, seen.Data, 0, seen.Data == null ? 0 : seen.Data.Length);
                }
                else
                {
                    // It started before a restart and may have half-happened: say so rather than run it twice.
                    Finish(id, ProtocolCodes.ResultFailed, "interrupted by a restart; not repeated", null, 0, 0);
                }

                return;
            }

            if (error != null)
            {
                Finish(id, ProtocolCodes.ResultBadArgs, error, null, 0, 0);
                return;
            }

            if (name == null)
            {
                Finish(id, ProtocolCodes.ResultBadArgs, "name is missing", null, 0, 0);
                return;
            }

            if (!hasExpiry)
            {
                Finish(id, ProtocolCodes.ResultBadArgs, "exp is missing", null, 0, 0);
                return;
            }

            if (!IsKnownCommand(name))
            {
                Finish(id, ProtocolCodes.ResultUnknownCommand, "unknown command " + name, null, 0, 0);
                return;
            }

            if (_clock.IsSynced && expiresMs < _clock.UtcNowMs)
            {
                Finish(id, ProtocolCodes.ResultExpired, "expired before it arrived", null, 0, 0);
                return;
            }

            if (!_clock.IsSynced && SwitchesSomethingOn(name))
            {
                Finish(id, ProtocolCodes.ResultNoTime, "clock not synced: cannot check exp", null, 0, 0);
                return;
            }

            if (name == ProtocolCodes.CommandVersion)
            {
                _dataWriter.Reset();
                _dataWriter.BeginObject();
                _dataWriter.String("fw", _firmwareVersion);
                _dataWriter.String("cfg", _station.ConfigHash);
                _dataWriter.String("boot", _messages.BootHex);
                _dataWriter.EndObject();
                Finish(id, ProtocolCodes.ResultDone, null, _dataWriter.Buffer, 0, _dataWriter.Length);
                return;
            }

            _memory.MarkStarted(id);
            _result.Clear();
            try
            {
                _station.Execute(name, _args, _result);
            }
            catch (Exception e)
            {
                _result.Set(ProtocolCodes.ResultFailed, "station error: " + e.Message);
            }

            if (_result.Code == null)
            {
                _result.Set(ProtocolCodes.ResultFailed, "the station gave no result");
            }

            int dataLength = 0;
            if (_result.SelfTestItems != null)
            {
                _dataWriter.Reset();
                _dataWriter.BeginObject();
                _dataWriter.BeginArray("items");
                for (int i = 0; i < _result.SelfTestItems.Count; i++)
                {
                    SelfTestItem item = (SelfTestItem)_result.SelfTestItems[i];
                    _dataWriter.BeginObject();
                    _dataWriter.String("dev", item.Device);
                    _dataWriter.Bool("ok", item.Ok);
                    _dataWriter.String("detail", item.Detail);
                    _dataWriter.EndObject();
                }

                _dataWriter.EndArray();
                _dataWriter.EndObject();
                dataLength = _dataWriter.Overflowed ? 0 : _dataWriter.Length;
            }

            int seq = Finish(id, _result.Code, _result.Detail, dataLength > 0 ? _dataWriter.Buffer : null, 0, dataLength);
            if (name == ProtocolCodes.CommandReboot && _result.Ok)
            {
                RebootRequested = true;
                RebootResultSeq = seq;
            }
        }

        /// <summary>True for `^[A-Za-z0-9_-]{1,40}$`.</summary>
        public static bool IsValidId(string id)
        {
            if (id == null || id.Length < 1 || id.Length > 40)
            {
                return false;
            }

            for (int i = 0; i < id.Length; i++)
            {
                char c = id[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
                if (!ok)
                {
                    return false;
                }
            }

            return true;
        }

        private static bool SwitchesSomethingOn(string name)
        {
            return name == ProtocolCodes.CommandOutletStart || name == ProtocolCodes.CommandOutletEnable || name == ProtocolCodes.CommandDispenseTest;
        }

        private static bool IsKnownCommand(string name)
        {
            return name == ProtocolCodes.CommandOutletDisable || name == ProtocolCodes.CommandOutletEnable
                || name == ProtocolCodes.CommandOutletStart || name == ProtocolCodes.CommandOutletStop
                || name == ProtocolCodes.CommandOutletResetLockout || name == ProtocolCodes.CommandDispenseTest
                || name == ProtocolCodes.CommandConfigSet || name == ProtocolCodes.CommandReboot
                || name == ProtocolCodes.CommandSelfTest || name == ProtocolCodes.CommandVersion;
        }

        private string ReadStringValue(ref string error, string field)
        {
            if (_reader.Read() != JsonToken.String)
            {
                error = field + " must be a string";
                return null;
            }

            return _reader.GetString();
        }

        private string ReadArgs(byte[] payload)
        {
            JsonToken token = _reader.Read();
            if (token == JsonToken.Null)
            {
                return null;
            }

            if (token != JsonToken.StartObject)
            {
                return "args must be an object";
            }

            while (true)
            {
                token = _reader.Read();
                if (token == JsonToken.EndObject)
                {
                    return null;
                }

                if (token != JsonToken.PropertyName)
                {
                    return token == JsonToken.Error ? _reader.Error : "malformed args";
                }

                if (_reader.NameEquals("dev"))
                {
                    if (_reader.Read() != JsonToken.String)
                    {
                        return "args.dev must be a string";
                    }

                    _args.Device = _reader.GetString();
                }
                else if (_reader.NameEquals("ms") || _reader.NameEquals("maxMin"))
                {
                    bool isMs = _reader.NameEquals("ms");
                    long value;
                    if (_reader.Read() != JsonToken.Number || !_reader.TryGetInt64(out value) || value < 0 || value > int.MaxValue)
                    {
                        return isMs ? "args.ms must be a whole number of milliseconds" : "args.maxMin must be a whole number of minutes";
                    }

                    if (isMs)
                    {
                        _args.Milliseconds = (int)value;
                    }
                    else
                    {
                        _args.MaxMinutes = (int)value;
                    }
                }
                else if (_reader.NameEquals("config"))
                {
                    if (_reader.Read() != JsonToken.StartObject)
                    {
                        return "args.config must be an object";
                    }

                    int start = _reader.TokenStart;
                    _reader.Skip();
                    if (_reader.Token == JsonToken.Error)
                    {
                        return _reader.Error;
                    }

                    _args.ConfigJson = payload;
                    _args.ConfigOffset = start;
                    _args.ConfigLength = _reader.ValueEnd - start;
                }
                else
                {
                    _reader.Skip();
                    if (_reader.Token == JsonToken.Error)
                    {
                        return _reader.Error;
                    }
                }
            }
        }

        private int Finish(string id, string code, string detail, byte[] data, int dataOffset, int dataLength)
        {
            byte[] stored = null;
            if (dataLength > 0)
            {
                stored = new byte[dataLength];
                Array.Copy(data, dataOffset, stored, 0, dataLength);
            }

            int seq = Publish(id, code, detail, stored, 0, dataLength);
            _memory.MarkFinished(id, code, detail, stored);
            return seq;
        }

        private int Publish(string id, string code, string detail, byte[] data, int dataOffset, int dataLength)
        {
            JsonWriter w = _messages.Begin();
            w.String("id", id);
            w.Bool("ok", code == ProtocolCodes.ResultDone);
            w.String("code", code);
            if (detail != null)
            {
                w.String("detail", detail.Length > 200 ? detail.Substring(0, 200) : detail);
            }

            if (dataLength > 0)
            {
                w.Raw("data", data, dataOffset, dataLength);
            }

            int seq = _messages.LastSeq;
            if (_messages.Commit(OutboxRecordKind.CommandResult) || dataLength == 0)
            {
                return seq;
            }

            // Too large with its data (a long self-test): the result still goes out, without the data.
            return Publish(id, code, detail, null, 0, 0);
        }
    }
}
