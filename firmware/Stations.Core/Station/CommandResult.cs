using System.Collections;

namespace Stations.Core.Station
{
    /// <summary>The outcome of one command (docs/protocol.md, "Command result"), filled in by whoever executes it.</summary>
    public sealed class CommandResult
    {
        /// <summary>Result code: `done`, `expired`, `no-time`, `unknown-command`, `bad-args`, `unknown-device`, `locked`, `refused`, `failed`.</summary>
        public string Code;

        /// <summary>Human-readable detail, at most 200 characters, or null.</summary>
        public string Detail;

        /// <summary>Self-test items (<see cref="SelfTestItem"/>), or null when the command has none.</summary>
        public ArrayList SelfTestItems;

        /// <summary>True only for `done`.</summary>
        public bool Ok { get { return Code == "done"; } }

        /// <summary>Sets code and detail in one call.</summary>
        public void Set(string code, string detail)
        {
            Code = code;
            Detail = detail;
        }

        /// <summary>Clears the result for reuse.</summary>
        public void Clear()
        {
            Code = null;
            Detail = null;
            SelfTestItems = null;
        }
    }
}
