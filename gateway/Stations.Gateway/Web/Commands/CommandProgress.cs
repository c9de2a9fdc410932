using Stations.Gateway.Commands;

namespace Stations.Gateway.Web.Commands;

/// <summary>Where a command stands as people see it: pending → done / failed / expired.</summary>
public static class CommandProgress
{
    /// <summary>`pending` (sent, no result, not yet expired), `done`, `failed`, or `expired` (refused as stale, or no answer before its expiry).</summary>
    public static string Of(CommandRecord command, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.ResultCode == "expired")
        {
            return "expired";
        }

        if (command.ResultCode != null)
        {
            return command.ResultOk == 1 ? "done" : "failed";
        }

        return nowMs > command.ExpiresAtMs ? "expired" : "pending";
    }

    /// <summary>The commands people may send from the station page, with the device kind they act on (null = whole station).</summary>
    public static IReadOnlyDictionary<string, string?> Offered { get; } = new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        ["outlet.disable"] = "outlet",
        ["outlet.enable"] = "outlet",
        ["outlet.reset-lockout"] = "outlet",
        ["dispense.test"] = "dispenser",
        ["reboot"] = null,
        ["selftest"] = null,
        ["config.set"] = null,
    };
}
