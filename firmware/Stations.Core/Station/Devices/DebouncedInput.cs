using Stations.Core.Hardware;

namespace Stations.Core.Station
{
    /// <summary>A digital input whose level counts only after it has held for the debounce time.</summary>
    public sealed class DebouncedInput
    {
        private readonly IDigitalInput _input;
        private readonly int _debounceMs;
        private bool _candidate;
        private long _candidateSinceMs;
        private bool _stable;

        /// <summary>Creates the filter; the first raw level is taken as the stable one (no event at boot).</summary>
        public DebouncedInput(IDigitalInput input, int debounceMs, long nowMs)
        {
            _input = input;
            _debounceMs = debounceMs;
            _stable = input.Read();
            _candidate = _stable;
            _candidateSinceMs = nowMs;
        }

        /// <summary>The debounced level (true = active).</summary>
        public bool IsActive { get { return _stable; } }

        /// <summary>Reads the raw level now without touching the debounce state (self-test).</summary>
        public bool ReadRaw()
        {
            return _input.Read();
        }

        /// <summary>Reads the raw level; returns true when the debounced level changed on this call.</summary>
        public bool Update(long nowMs)
        {
            bool raw = _input.Read();
            if (raw != _candidate)
            {
                _candidate = raw;
                _candidateSinceMs = nowMs;
            }

            if (_candidate != _stable && nowMs - _candidateSinceMs >= _debounceMs)
            {
                _stable = _candidate;
                return true;
            }

            return false;
        }
    }
}
