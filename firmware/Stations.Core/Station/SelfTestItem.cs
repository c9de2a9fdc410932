namespace Stations.Core.Station
{
    /// <summary>One line of a self-test report: which device, whether it passed, and what was seen.</summary>
    public sealed class SelfTestItem
    {
        /// <summary>Creates an item.</summary>
        public SelfTestItem(string device, bool ok, string detail)
        {
            Device = device;
            Ok = ok;
            Detail = detail;
        }

        /// <summary>Device id.</summary>
        public string Device;

        /// <summary>Passed.</summary>
        public bool Ok;

        /// <summary>What was seen, e.g. "relay clicked".</summary>
        public string Detail;
    }
}
