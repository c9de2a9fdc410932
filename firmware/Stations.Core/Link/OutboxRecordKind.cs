namespace Stations.Core.Link
{
    /// <summary>What an outbox record holds; decides its topic and what is dropped first when the outbox is full.</summary>
    public static class OutboxRecordKind
    {
        /// <summary>A telemetry snapshot (`…/telemetry`): the first to go when the outbox is full.</summary>
        public const byte Telemetry = 1;

        /// <summary>An event (`…/event`).</summary>
        public const byte Event = 2;

        /// <summary>A command result (`…/cmd/result`).</summary>
        public const byte CommandResult = 3;

        /// <summary>True for the kinds above.</summary>
        public static bool IsValid(int kind)
        {
            return kind >= Telemetry && kind <= CommandResult;
        }
    }
}
