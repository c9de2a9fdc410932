using Stations.Core.Link;

namespace Stations.Firmware.Board
{
    /// <summary>
    /// Tells whether `I:` was (re)formatted since the last boot: a small file written once survives every boot, so its
    /// absence means an erased or reformatted partition (a fresh board, `--masserase`, or a mount failure that made the
    /// firmware format it). The `boot` event then reports `store: formatted`.
    /// </summary>
    public static class FlashMarker
    {
        /// <summary>Marker file name.</summary>
        public const string FileName = "fs-marker";

        private static readonly byte[] Contents = new byte[] { 0x53, 0x54 };

        /// <summary>True when the marker was missing (and writes it, so the next boot sees it).</summary>
        public static bool WasFormatted(IFlashStore store)
        {
            if (store.GetLength(FileName) >= 0)
            {
                return false;
            }

            store.WriteNew(FileName, Contents, 0, Contents.Length);
            return true;
        }
    }
}
