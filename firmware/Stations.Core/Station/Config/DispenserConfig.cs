namespace Stations.Core.Station
{
    /// <summary>One water dispenser (config `dispensers[]`, 爱心水柜/饮水机): valve, button, optional flow meter and limits.</summary>
    public sealed class DispenserConfig
    {
        /// <summary>Hard cap of <see cref="MaxValveSeconds"/>.</summary>
        public const int MaxValveSecondsHardCap = 300;

        /// <summary>Device id, e.g. `water1`.</summary>
        public string Id;
        /// <summary>GPIO of the valve relay.</summary>
        public int ValvePin = -1;
        /// <summary>GPIO of the dispense button, or -1.</summary>
        public int ButtonPin = -1;
        /// <summary>GPIO of the flow meter's pulse output, or -1.</summary>
        public int FlowPin = -1;
        /// <summary>Flow meter calibration.</summary>
        public double PulsesPerLitre = 450;
        /// <summary>Litres per minute assumed when no flow meter is fitted (0 = report 0 litres).</summary>
        public double NominalLitresPerMinute = 0;
        /// <summary>The valve never stays open longer than this.</summary>
        public int MaxValveSeconds = 60;
        /// <summary>Valve open this long without a single flow pulse = dry (tank empty).</summary>
        public int DryAfterSeconds = 5;
        /// <summary>Pulses with the valve closed within one minute that mean a leak.</summary>
        public int LeakPulses = 20;
        /// <summary>Litres per station-local day after which the dispenser stops (0 = no limit).</summary>
        public double DailyLitresLimit = 0;
        /// <summary>Minimum time between two valve switchings.</summary>
        public int MinSwitchMs = 500;
    }
}
