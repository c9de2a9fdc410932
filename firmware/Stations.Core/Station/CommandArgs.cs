namespace Stations.Core.Station
{
    /// <summary>The arguments of one command (docs/protocol.md, "Commands"), already decoded; absent ones are null or -1.</summary>
    public sealed class CommandArgs
    {
        /// <summary>`args.dev`, or null.</summary>
        public string Device;

        /// <summary>`args.ms`, or -1.</summary>
        public int Milliseconds = -1;

        /// <summary>`args.maxMin`, or -1.</summary>
        public int MaxMinutes = -1;

        /// <summary>`args.config` as raw JSON bytes (the whole object), or null.</summary>
        public byte[] ConfigJson;

        /// <summary>Offset of the config object inside <see cref="ConfigJson"/>.</summary>
        public int ConfigOffset;

        /// <summary>Length of the config object in bytes.</summary>
        public int ConfigLength;

        /// <summary>Clears every field so the instance can be reused for the next command.</summary>
        public void Clear()
        {
            Device = null;
            Milliseconds = -1;
            MaxMinutes = -1;
            ConfigJson = null;
            ConfigOffset = 0;
            ConfigLength = 0;
        }
    }
}
