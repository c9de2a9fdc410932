namespace Stations.Core.Link
{
    /// <summary>
    /// Exponential reconnect delays with "equal jitter": after n failures the delay is d/2 + random(d/2) with
    /// d = min(max, base × 2^(n−1)), so a fleet that lost its broker together does not come back in lockstep.
    /// </summary>
    public sealed class ReconnectBackoff
    {
        private readonly IRandom _random;
        private readonly int _baseMs;
        private readonly int _maxMs;

        /// <summary>Creates the schedule.</summary>
        public ReconnectBackoff(IRandom random, int baseMs, int maxMs)
        {
            _random = random;
            _baseMs = baseMs < 1 ? 1 : baseMs;
            _maxMs = maxMs < _baseMs ? _baseMs : maxMs;
        }

        /// <summary>Failed attempts since the last stable connection.</summary>
        public int Failures { get; private set; }

        /// <summary>Counts one more failure and returns how long to wait before the next attempt.</summary>
        public int NextDelayMs()
        {
            Failures++;
            int delay = _baseMs;
            for (int i = 1; i < Failures && delay < _maxMs; i++)
            {
                delay *= 2;
            }

            if (delay > _maxMs)
            {
                delay = _maxMs;
            }

            int half = delay / 2;
            return half + _random.Next(half + 1);
        }

        /// <summary>Starts again from the base delay (after a connection proved stable).</summary>
        public void Reset()
        {
            Failures = 0;
        }
    }
}
