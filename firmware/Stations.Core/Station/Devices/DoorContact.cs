using Stations.Core.Protocol;

namespace Stations.Core.Station
{
    /// <summary>
    /// A debounced door contact: open/close events, the door-left-open alarm (stricter while the station is unattended
    /// or closed) and, unless a beam input is fitted, visit counting from openings at least the visit gap apart
    /// (`openingsPerVisit` of them make one visit).
    /// </summary>
    public sealed class DoorContact
    {
        private readonly DoorConfig _config;
        private readonly DebouncedInput _contact;
        private readonly bool _countsVisits;
        private long _openedAtMs;
        private long _lastOpeningMs;
        private bool _hasOpening;
        private int _openingsToSkip;
        private bool _leftOpenAlarm;

        /// <summary>Creates the door; an already-open door at boot counts as opened now (no event, no visit).</summary>
        public DoorContact(DoorConfig config, DebouncedInput contact, bool countsVisits, long nowMs)
        {
            _config = config;
            _contact = contact;
            _countsVisits = countsVisits && config.CountVisits;
            _openedAtMs = nowMs;
        }

        /// <summary>Device id.</summary>
        public string Id { get { return _config.Id; } }

        /// <summary>The debounced contact input.</summary>
        public DebouncedInput Contact { get { return _contact; } }

        /// <summary>Debounced state.</summary>
        public bool IsOpen { get { return _contact.IsActive; } }

        /// <summary>True while the door-left-open alarm is raised.</summary>
        public bool LeftOpenAlarm { get { return _leftOpenAlarm; } }

        /// <summary>Runs one tick.</summary>
        public void Tick(StationContext ctx)
        {
            long now = ctx.NowMs;
            if (_contact.Update(now))
            {
                ctx.ImportantChange = true;
                if (_contact.IsActive)
                {
                    _openedAtMs = now;
                    ctx.Events.DoorOpened(_config.Id);
                    if (_countsVisits && (!_hasOpening || now - _lastOpeningMs >= _config.VisitGapSeconds * 1000L))
                    {
                        // A separate opening: the first of each visit counts, the rest of that visit's openings do not.
                        _hasOpening = true;
                        _lastOpeningMs = now;
                        if (_openingsToSkip > 0)
                        {
                            _openingsToSkip--;
                        }
                        else
                        {
                            _openingsToSkip = _config.OpeningsPerVisit - 1;
                            ctx.Visits++;
                            ctx.Events.VisitCounted(_config.Id, 1);
                        }
                    }
                }
                else
                {
                    ctx.Events.DoorClosed(_config.Id, now - _openedAtMs);
                    if (_leftOpenAlarm)
                    {
                        _leftOpenAlarm = false;
                        ctx.Clear(ProtocolCodes.AlarmDoorLeftOpen, _config.Id);
                    }
                }
            }

            if (_contact.IsActive && !_leftOpenAlarm)
            {
                int minutes = ctx.Unattended ? _config.LeftOpenMinutesUnattended : _config.LeftOpenMinutes;
                long openMs = now - _openedAtMs;
                if (openMs >= minutes * 60000L)
                {
                    _leftOpenAlarm = true;
                    ctx.Raise(ProtocolCodes.AlarmDoorLeftOpen, _config.Id, true, openMs / 60000.0, ProtocolCodes.SeverityWarn);
                }
            }
        }
    }
}
