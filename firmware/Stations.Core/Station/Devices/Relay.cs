using Stations.Core.Hardware;

namespace Stations.Core.Station
{
    /// <summary>
    /// A normally-open relay with a minimum interval: it closes only when at least <see cref="MinSwitchMs"/> has passed
    /// since its last switching; opening (the safe direction) is never delayed. Created open: after boot nothing is on.
    /// </summary>
    public sealed class Relay
    {
        private readonly IDigitalOutput _output;
        private long _lastChangeMs;
        private bool _on;

        /// <summary>Creates the relay and drives it off at once; the first close is allowed <paramref name="minSwitchMs"/> later.</summary>
        public Relay(IDigitalOutput output, int minSwitchMs, long nowMs)
        {
            _output = output;
            MinSwitchMs = minSwitchMs;
            _lastChangeMs = nowMs;
            _output.Write(false);
        }

        /// <summary>Minimum time between two switchings before a close.</summary>
        public readonly int MinSwitchMs;

        /// <summary>True while the relay is closed.</summary>
        public bool IsOn { get { return _on; } }

        /// <summary>Uptime of the last switching.</summary>
        public long LastChangeMs { get { return _lastChangeMs; } }

        /// <summary>True when a close now would respect the minimum interval (or it is already closed).</summary>
        public bool CanTurnOn(long nowMs)
        {
            return _on || nowMs - _lastChangeMs >= MinSwitchMs;
        }

        /// <summary>Closes the relay if the interval allows; returns whether it is closed now.</summary>
        public bool TryTurnOn(long nowMs)
        {
            if (_on)
            {
                return true;
            }

            if (nowMs - _lastChangeMs < MinSwitchMs)
            {
                return false;
            }

            _output.Write(true);
            _on = true;
            _lastChangeMs = nowMs;
            return true;
        }

        /// <summary>Opens the relay immediately (no-op when already open).</summary>
        public void TurnOff(long nowMs)
        {
            if (!_on)
            {
                return;
            }

            _output.Write(false);
            _on = false;
            _lastChangeMs = nowMs;
        }

        /// <summary>
        /// Self-test: closes the open relay for <paramref name="holdMs"/> and opens it again, if the minimum interval
        /// allows a close now; returns whether it clicked. The interval then starts again from now.
        /// </summary>
        public bool Click(long nowMs, int holdMs)
        {
            if (_on || nowMs - _lastChangeMs < MinSwitchMs)
            {
                return false;
            }

            _output.Write(true);
            if (holdMs > 0)
            {
                // Long enough for the contacts to move and be heard; the station loop pauses only for this.
                System.Threading.Thread.Sleep(holdMs);
            }

            _output.Write(false);
            _lastChangeMs = nowMs;
            return true;
        }

        /// <summary>Milliseconds until a close is allowed (0 when it is allowed now or the relay is closed).</summary>
        public long MsUntilCanTurnOn(long nowMs)
        {
            long wait = MinSwitchMs - (nowMs - _lastChangeMs);
            return _on || wait < 0 ? 0 : wait;
        }

        /// <summary>Opens the relay and writes the output even if it is believed open (config change, reboot).</summary>
        public void ForceOff(long nowMs)
        {
            _output.Write(false);
            if (_on)
            {
                _lastChangeMs = nowMs;
            }

            _on = false;
        }
    }
}
