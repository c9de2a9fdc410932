namespace Stations.Core.Link
{
    /// <summary>A command id the station has seen, with the result it gave (or the fact that it was still running).</summary>
    public sealed class RememberedCommand
    {
        /// <summary>The command id.</summary>
        public string Id;

        /// <summary>False while it runs: found like that after a restart, it was interrupted and must not run again.</summary>
        public bool Finished;

        /// <summary>The result code.</summary>
        public string Code;

        /// <summary>The result detail, or null.</summary>
        public string Detail;

        /// <summary>The result's `data` object as JSON bytes, or null.</summary>
        public byte[] Data;
    }
}
