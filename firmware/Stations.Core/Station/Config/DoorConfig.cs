namespace Stations.Core.Station
{
    /// <summary>One door contact (config `doors[]`): debounce, left-open alarm limits and visit counting.</summary>
    public sealed class DoorConfig
    {
        /// <summary>Device id, e.g. `door1`.</summary>
        public string Id;
        /// <summary>GPIO of the contact (active = door open).</summary>
        public int Pin = -1;
        /// <summary>A level must hold this long to count.</summary>
        public int DebounceMs = 50;
        /// <summary>Door-left-open alarm while the station is open and attended.</summary>
        public int LeftOpenMinutes = 10;
        /// <summary>Stricter limit while the station is unattended or closed.</summary>
        public int LeftOpenMinutesUnattended = 3;
        /// <summary>Count visits from this door's openings (ignored when a beam input is fitted).</summary>
        public bool CountVisits = true;
        /// <summary>Openings closer together than this count as the same visit.</summary>
        public int VisitGapSeconds = 20;
        /// <summary>
        /// Separate openings that make one visit: 1 counts every opening; 2 fits a single door used to come in and go out
        /// (the entry counts, the next separate opening is taken as the exit).
        /// </summary>
        public int OpeningsPerVisit = 1;
    }
}
