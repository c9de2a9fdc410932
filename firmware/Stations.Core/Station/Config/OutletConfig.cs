namespace Stations.Core.Station
{
    /// <summary>One charging outlet (config `outlets[]`, phone or e-bike): relay, meter, optional socket probe and cut limits.</summary>
    public sealed class OutletConfig
    {
        /// <summary>Hard cap of <see cref="MaxSessionMinutes"/> (guidance caps one charge at 8 h).</summary>
        public const int MaxSessionMinutesHardCap = 480;
        /// <summary>Hard cap of <see cref="CutTempC"/>.</summary>
        public const double CutTempCHardCap = 55;

        /// <summary>Device id, e.g. `ebike1`.</summary>
        public string Id;
        /// <summary>`ebike` or `phone`; sets the defaults of the power thresholds.</summary>
        public string Kind = "ebike";
        /// <summary>GPIO of the relay.</summary>
        public int RelayPin = -1;
        /// <summary>GPIO of the start button, or -1.</summary>
        public int ButtonPin = -1;
        /// <summary>Power meter channel / bus address.</summary>
        public int MeterAddress = 1;
        /// <summary>GPIO of the socket temperature probe, or -1.</summary>
        public int TempPin = -1;
        /// <summary>False: the outlet starts disabled (as after `outlet.disable`).</summary>
        public bool Enabled = true;
        /// <summary>True: an idle outlet is armed (relay closed, sensing) and a plug-in starts a session.</summary>
        public bool PlugStart = true;
        /// <summary>Load above this (while armed) for <see cref="PlugConfirmMs"/> is a plug-in.</summary>
        public double PlugWatts = double.NaN;
        /// <summary>How long the plug-in load must hold.</summary>
        public int PlugConfirmMs = 3000;
        /// <summary>After <see cref="MinChargeMinutes"/>, load under this for <see cref="FullConfirmSeconds"/> = full.</summary>
        public double FullWatts = double.NaN;
        /// <summary>No "full" cut before this much charging.</summary>
        public int MinChargeMinutes = 10;
        /// <summary>How long the load must stay under <see cref="FullWatts"/>.</summary>
        public int FullConfirmSeconds = 120;
        /// <summary>Load under this is "nothing plugged in".</summary>
        public double NoLoadWatts = double.NaN;
        /// <summary>How long "nothing plugged in" must last to end a session.</summary>
        public int NoLoadSeconds = 60;
        /// <summary>Longest session (default 4 h, hard cap 8 h).</summary>
        public int MaxSessionMinutes = 240;
        /// <summary>Load above this cuts and locks out.</summary>
        public double OverloadWatts = double.NaN;
        /// <summary>Socket temperature warning.</summary>
        public double WarnTempC = 45;
        /// <summary>Socket temperature cut and lockout (never above 55 °C).</summary>
        public double CutTempC = 55;
        /// <summary>Minimum time between two relay switchings.</summary>
        public int MinSwitchMs = 2000;
        /// <summary>Consecutive failed meter (or socket probe) reads that cut with `meter-fault`.</summary>
        public int MeterFaultReads = 5;
    }
}
