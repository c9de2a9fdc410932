namespace Stations.Core.Link
{
    /// <summary>The highest seq the gateway acknowledged for one boot.</summary>
    public sealed class AckMark
    {
        /// <summary>Creates a mark.</summary>
        public AckMark(uint boot, int seq)
        {
            Boot = boot;
            Seq = seq;
        }

        /// <summary>The boot id.</summary>
        public readonly uint Boot;

        /// <summary>Every record of the boot with seq ≤ this is acknowledged; never moves backwards.</summary>
        public int Seq;
    }
}
