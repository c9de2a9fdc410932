// Facade of nanoFramework.Networking.Sntp 1.6.42 (assembly nanoFramework.Networking.Sntp).
using Stations.Firmware.Facade;

namespace nanoFramework.Networking
{
    [Mirrors("nanoFramework.Networking.Sntp", "1.6.42")]
    public class Sntp
    {
        [Mirrors("nanoFramework.Networking.Sntp", "1.6.42")]
        public Sntp() { }

        [Mirrors("nanoFramework.Networking.Sntp", "1.6.42")]
        public static void Start() => IsStarted = true;

        [Mirrors("nanoFramework.Networking.Sntp", "1.6.42")]
        public static void Stop() => IsStarted = false;

        [Mirrors("nanoFramework.Networking.Sntp", "1.6.42")]
        public static void UpdateNow() { }

        [Mirrors("nanoFramework.Networking.Sntp", "1.6.42")]
        public static bool IsStarted { get; private set; }

        [Mirrors("nanoFramework.Networking.Sntp", "1.6.42")]
        public static string Server1 { get; set; }

        [Mirrors("nanoFramework.Networking.Sntp", "1.6.42")]
        public static string Server2 { get; set; }
    }
}
