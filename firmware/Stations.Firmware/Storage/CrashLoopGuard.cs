using Stations.Core.Link;

namespace Stations.Firmware.Storage
{
    /// <summary>
    /// Crash-loop detection with a boot counter in flash. Every boot adds one before anything else runs; a boot that
    /// stays up for <c>stableUptimeMs</c> sets it back to 0. When <c>maxQuickBoots</c> boots in a row each ended before
    /// that (crash, watchdog, brown-out loop), the station starts in safe mode: every outlet disabled, `safe` true in the
    /// birth status and a `safe-mode` alarm. Wall time is not needed (the clock is not synced at boot).
    /// </summary>
    public sealed class CrashLoopGuard
    {
        /// <summary>File-name prefix of the counter (a <see cref="GenerationFile"/>, safe against a power cut mid-write).</summary>
        public const string FilePrefix = "bootcnt-";

        private readonly GenerationFile _file;
        private readonly int _maxQuickBoots;
        private readonly long _stableUptimeMs;
        private readonly byte[] _buffer = new byte[16];
        private readonly byte[] _scratch = new byte[16];
        private bool _clearedThisBoot;

        /// <summary>Creates the guard; nothing is read or written until <see cref="RegisterBoot"/>.</summary>
        /// <param name="store">The flash store.</param>
        /// <param name="maxQuickBoots">Boots in a row, each shorter than the stable time, that start safe mode (e.g. 5).</param>
        /// <param name="stableUptimeMs">Uptime after which a boot counts as healthy (e.g. 10 minutes).</param>
        public CrashLoopGuard(IFlashStore store, int maxQuickBoots, long stableUptimeMs)
        {
            _file = new GenerationFile(store, FilePrefix);
            _maxQuickBoots = maxQuickBoots;
            _stableUptimeMs = stableUptimeMs;
        }

        /// <summary>Boots in a row (this one included) that have not yet reached the stable uptime.</summary>
        public int QuickBoots { get; private set; }

        /// <summary>True when this boot runs in safe mode.</summary>
        public bool SafeMode { get; private set; }

        /// <summary>True when the counter file was damaged (it is then treated as a quick boot streak of one).</summary>
        public bool CounterDamaged { get; private set; }

        /// <summary>Counts this boot and decides safe mode. Call first thing in Main, before any relay is created.</summary>
        public bool RegisterBoot()
        {
            bool damaged;
            int length = _file.Load(_buffer, out damaged);
            CounterDamaged = damaged;
            int previous = length == 4 ? (int)OutboxRecord.GetUInt32(_buffer, 0) : 0;
            if (previous < 0)
            {
                previous = 0;
            }

            QuickBoots = previous + 1;
            Save(QuickBoots);
            SafeMode = QuickBoots >= _maxQuickBoots;
            return SafeMode;
        }

        /// <summary>Call from the main loop; once the uptime reaches the stable time the streak is reset (once per boot).</summary>
        public void OnUptime(long uptimeMs)
        {
            if (_clearedThisBoot || uptimeMs < _stableUptimeMs)
            {
                return;
            }

            _clearedThisBoot = true;
            Save(0);
        }

        private void Save(int value)
        {
            OutboxRecord.PutUInt32(_buffer, 0, (uint)value);
            _file.Save(_buffer, 4, _scratch);
        }
    }
}
