// Facade of nanoFramework.Runtime.Native 1.7.11 (assembly nanoFramework.Runtime.Native). Its System.Environment
// (TickCount64) exists on .NET too and is checked by the API-surface test instead.
using Stations.Firmware.Facade;

namespace nanoFramework.Runtime.Native
{
    [Mirrors("nanoFramework.Runtime.Native", "1.7.11")]
    public enum RebootOption
    {
        [Mirrors("nanoFramework.Runtime.Native", "1.7.11")] NormalReboot = 0,
        [Mirrors("nanoFramework.Runtime.Native", "1.7.11")] EnterNanoBooter = 1,
        [Mirrors("nanoFramework.Runtime.Native", "1.7.11")] ClrOnly = 2,
        [Mirrors("nanoFramework.Runtime.Native", "1.7.11")] EnterProprietaryBooter = 4,
    }

    [Mirrors("nanoFramework.Runtime.Native", "1.7.11")]
    public class Power
    {
        [Mirrors("nanoFramework.Runtime.Native", "1.7.11")]
        public Power() { }

        [Mirrors("nanoFramework.Runtime.Native", "1.7.11")]
        public static void RebootDevice(RebootOption options = RebootOption.NormalReboot) { }

        [Mirrors("nanoFramework.Runtime.Native", "1.7.11")]
        public static void RebootDevice(int exclusiveTimeout, RebootOption options = RebootOption.NormalReboot) { }
    }
}
