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
