using System;
using Stations.Core.Station;

namespace Stations.Core.Link
{
    /// <summary>
    /// The self-test's store check on the station's flash (<see cref="IFlashStore"/>): a 16-byte file `selftest.tmp` is
    /// written new, read back, compared and deleted; a leftover from a power cut is deleted first. Never throws.
    /// </summary>
    public sealed class FlashStoreCheck : IStoreCheck
    {
        /// <summary>Name of the test file (flat, under 24 characters, no other file starts with it).</summary>
        public const string FileName = "selftest.tmp";

        private const int Length = 16;
        private readonly IFlashStore _store;
        private readonly byte[] _written = new byte[Length];
        private readonly byte[] _read = new byte[Length];
        private byte _round;

        /// <summary>Creates the check over the station's flash.</summary>
        public FlashStoreCheck(IFlashStore store)
        {
            _store = store;
        }

        /// <inheritdoc />
        public bool TryWriteAndRead(out string detail)
        {
            _round++;
            for (int i = 0; i < Length; i++)
            {
                // A pattern that changes every run, so an old file cannot pass for a new write.
                _written[i] = (byte)((i * 37) + _round);
                _read[i] = 0;
            }

            try
            {
                _store.Delete(FileName);
                _store.WriteNew(FileName, _written, 0, Length);
                int got = _store.Read(FileName, 0, _read, 0, Length);
                _store.Delete(FileName);
                if (got != Length)
                {
                    detail = "read back " + got.ToString() + " of " + Length.ToString() + " bytes";
                    return false;
                }

                for (int i = 0; i < Length; i++)
                {
                    if (_read[i] != _written[i])
                    {
                        detail = "read back differs at byte " + i.ToString();
                        return false;
                    }
                }

                detail = "wrote and read " + Length.ToString() + " bytes";
                return true;
            }
            catch (Exception e)
            {
                detail = "flash error: " + e.Message;
                return false;
            }
        }
    }
}
