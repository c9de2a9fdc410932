namespace Stations.Core.Station
{
    /// <summary>An optional single input (config `sign` or `beam`): the open/closed sign switch or a people-counter beam.</summary>
    public sealed class InputConfig
    {
        /// <summary>Device id, e.g. `sign1` or `beam1`.</summary>
        public string Id;
        /// <summary>GPIO of the input (active = sign shows open / beam broken).</summary>
        public int Pin = -1;
        /// <summary>A level must hold this long to count.</summary>
        public int DebounceMs = 50;
        /// <summary>Beam only: breaks closer together than this count as one visit.</summary>
        public int MinGapMs = 1500;
    }
}
