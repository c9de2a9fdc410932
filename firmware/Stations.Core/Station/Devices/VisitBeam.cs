namespace Stations.Core.Station
{
    /// <summary>A people-counter beam: each debounced break at least the minimum gap after the last one is a visit.</summary>
    public sealed class VisitBeam
    {
        private readonly InputConfig _config;
        private readonly DebouncedInput _beam;
        private long _lastVisitMs;
        private bool _hasVisit;

        /// <summary>Creates the beam counter.</summary>
        public VisitBeam(InputConfig config, DebouncedInput beam)
        {
            _config = config;
            _beam = beam;
        }

        /// <summary>Device id.</summary>
        public string Id { get { return _config.Id; } }

        /// <summary>The debounced beam input.</summary>
        public DebouncedInput Input { get { return _beam; } }

        /// <summary>Runs one tick.</summary>
        public void Tick(StationContext ctx)
        {
            long now = ctx.NowMs;
            if (_beam.Update(now) && _beam.IsActive && (!_hasVisit || now - _lastVisitMs >= _config.MinGapMs))
            {
                _hasVisit = true;
                _lastVisitMs = now;
                ctx.Visits++;
                ctx.Events.VisitCounted(_config.Id, 1);
            }
        }
    }
}
