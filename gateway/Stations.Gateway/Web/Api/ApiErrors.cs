using System.Reflection;
using Microsoft.Extensions.Localization;
using Stations.Gateway.Web.Localization;

namespace Stations.Gateway.Web.Api;

/// <summary>
/// One API error: its stable machine-readable <see cref="Code"/> (the JSON <c>code</c>, the same in every language)
/// and the resource <see cref="Key"/> of its text in Web/Localization/SharedResource*.resx (zh-CN and English).
/// </summary>
public sealed record ApiMessage(string Code, string Key);

/// <summary>
/// The API's error messages: every <c>{"error","code"}</c> the gateway answers comes from here, in the request's
/// culture (query <c>culture</c>, the UI culture cookie, then for /api/… Accept-Language; English when none names
/// zh or en — see WebServiceExtensions).
/// The placeholders ({0}, {1} …) are the ids, names and limits of the request.
/// </summary>
public static class ApiErrors
{
    /// <summary>A station that does not exist or is outside the caller's stations (404).</summary>
    public static readonly ApiMessage StationNotFound = new("station_not_found", "Api_StationNotFound");

    /// <summary>An alarm that does not exist or is outside the caller's stations (404).</summary>
    public static readonly ApiMessage AlarmNotFound = new("alarm_not_found", "Api_AlarmNotFound");

    /// <summary>Union offices may not acknowledge alarms (403).</summary>
    public static readonly ApiMessage AcknowledgeReadOnly = new("role_read_only", "Api_AcknowledgeReadOnly");

    /// <summary>The acknowledgement note is too long (400); {0} the limit.</summary>
    public static readonly ApiMessage NoteTooLong = new("note_too_long", "Api_NoteTooLong");

    /// <summary>The alarm was already acknowledged (409).</summary>
    public static readonly ApiMessage AlarmAlreadyAcknowledged = new("alarm_already_acknowledged", "Api_AlarmAlreadyAcknowledged");

    /// <summary>A command that does not exist or is outside the caller's stations (404); {0} command, {1} station.</summary>
    public static readonly ApiMessage CommandNotFound = new("command_not_found", "Api_CommandNotFound");

    /// <summary>Union offices may not send commands (403).</summary>
    public static readonly ApiMessage CommandReadOnly = new("role_read_only", "Api_CommandReadOnly");

    /// <summary>A command name not in the catalogue (400); {0} the name, {1} the offered names.</summary>
    public static readonly ApiMessage UnknownCommand = new("unknown_command", "Api_UnknownCommand");

    /// <summary>`dev` is not a device of the needed kind (400); {0} kind, {1} station, {2} the given dev.</summary>
    public static readonly ApiMessage UnknownDevice = new("unknown_device", "Api_UnknownDevice");

    /// <summary>config.set without a saved config (400); {0} station.</summary>
    public static readonly ApiMessage CommandNoConfig = new("no_saved_config", "Api_CommandNoConfig");

    /// <summary>config/push without a saved config (400); {0} station.</summary>
    public static readonly ApiMessage PushNoConfig = new("no_saved_config", "Api_PushNoConfig");

    /// <summary>Union offices have no access to station configs (403).</summary>
    public static readonly ApiMessage ConfigNoAccess = new("config_forbidden", "Api_ConfigNoAccess");

    /// <summary>Station managers may read but not change configs (403).</summary>
    public static readonly ApiMessage ConfigReadOnly = new("config_read_only", "Api_ConfigReadOnly");

    /// <summary>POST /session without name or password (400).</summary>
    public static readonly ApiMessage SignInMissing = new("sign_in_missing", "Api_SignInMissing");

    /// <summary>Locked out after failed sign-ins (401); {0} minutes.</summary>
    public static readonly ApiMessage SignInLockedOut = new("sign_in_locked_out", "Api_SignInLockedOut");

    /// <summary>A disabled account (401).</summary>
    public static readonly ApiMessage SignInDisabled = new("sign_in_disabled", "Api_SignInDisabled");

    /// <summary>Unknown user or wrong password (401).</summary>
    public static readonly ApiMessage SignInFailed = new("sign_in_failed", "Api_SignInFailed");

    /// <summary>Provisioning by a role other than technician or administrator (403).</summary>
    public static readonly ApiMessage ProvisionForbidden = new("provision_forbidden", "Api_ProvisionForbidden");

    /// <summary>Provisioning without a station id (400).</summary>
    public static readonly ApiMessage StationIdMissing = new("station_id_missing", "Api_StationIdMissing");

    /// <summary>Provisioning with an invalid station id (400); {0} the id.</summary>
    public static readonly ApiMessage StationIdInvalid = new("station_id_invalid", "Api_StationIdInvalid");

    /// <summary>Provisioning with a name that is too long (400); {0} the limit.</summary>
    public static readonly ApiMessage NameTooLong = new("name_too_long", "Api_NameTooLong");

    /// <summary>Provisioning with an unknown time zone (400); {0} the zone.</summary>
    public static readonly ApiMessage TimeZoneUnknown = new("time_zone_unknown", "Api_TimeZoneUnknown");

    /// <summary>Provisioning with only one of opens and closes (400); {0} the one given, {1} the one missing.</summary>
    public static readonly ApiMessage OpeningHoursIncomplete = new("opening_hours_incomplete", "Api_OpeningHoursIncomplete");

    /// <summary>Provisioning with an opening or closing time that is not HH:mm from 00:00 to 24:00 (400); {0} the field, {1} the value.</summary>
    public static readonly ApiMessage OpeningHoursInvalid = new("opening_hours_invalid", "Api_OpeningHoursInvalid");

    /// <summary>Provisioning into an unknown region (400); {0} the region given, {1} some regions.</summary>
    public static readonly ApiMessage RegionUnknown = new("region_unknown", "Api_RegionUnknown");

    /// <summary>Self-test by a role other than technician or administrator (403).</summary>
    public static readonly ApiMessage SelfTestForbidden = new("selftest_forbidden", "Api_SelfTestForbidden");

    /// <summary>A report without regionId (400).</summary>
    public static readonly ApiMessage RegionIdMissing = new("region_id_missing", "Api_RegionIdMissing");

    /// <summary>A report of a region that does not exist or is outside the scope (404); {0} the region id.</summary>
    public static readonly ApiMessage RegionNotFound = new("region_not_found", "Api_RegionNotFound");

    /// <summary>A report month that is not a month (400); {0} the month.</summary>
    public static readonly ApiMessage ReportBadMonth = new("month_invalid", "Api_Reports_BadMonth");

    /// <summary>A report period that is not a period (400); {0} from, {1} to.</summary>
    public static readonly ApiMessage ReportBadRange = new("period_invalid", "Api_Reports_BadRange");

    /// <summary>A report without a period (400).</summary>
    public static readonly ApiMessage ReportNoPeriod = new("period_missing", "Api_Reports_NoPeriod");

    /// <summary>A report format that is unknown (400); {0} the format.</summary>
    public static readonly ApiMessage ReportBadFormat = new("format_unknown", "Api_Reports_BadFormat");

    /// <summary>A report language that is unknown (400); {0} the language.</summary>
    public static readonly ApiMessage ReportBadLanguage = new("lang_unknown", "Api_Reports_BadLanguage");

    /// <summary>A ratings month that is not a month (400); {0} the month.</summary>
    public static readonly ApiMessage MonthInvalid = new("month_invalid", "Api_MonthInvalid");

    /// <summary>A ratings run for a month not over yet (400); {0} yyyy-MM, {1} its end.</summary>
    public static readonly ApiMessage MonthNotOver = new("month_not_over", "Api_MonthNotOver");

    /// <summary>A profile PUT without a body (400).</summary>
    public static readonly ApiMessage ProfileBodyMissing = new("body_missing", "Api_ProfileBodyMissing");

    /// <summary>The config validator refused a config (400): its own message, verbatim in every language.</summary>
    public const string ConfigInvalidCode = "config_invalid";

    /// <summary>Every message above (for the resource tests).</summary>
    public static IReadOnlyList<ApiMessage> All { get; } = typeof(ApiErrors).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(ApiMessage)).Select(f => (ApiMessage)f.GetValue(null)!).ToList();

    /// <summary>The error <paramref name="message"/> in the request's culture, <paramref name="args"/> filled in.</summary>
    public static ApiError Of(HttpContext context, ApiMessage message, params object[] args)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(message);
        return new ApiError(Text(Localizer(context), message.Key, args), message.Code);
    }

    /// <summary>The localizer of the request (SharedResource, current UI culture).</summary>
    public static IStringLocalizer Localizer(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
    }

    /// <summary><paramref name="l"/>[<paramref name="key"/>] always formatted (so <c>{{</c> in a resource is a brace).</summary>
    public static string Text(IStringLocalizer l, string key, params object[] args)
    {
        ArgumentNullException.ThrowIfNull(l);
        var value = l[key, args];
        return value.ResourceNotFound ? throw new InvalidOperationException($"API message '{key}' is missing from Web/Localization/SharedResource*.resx; add it to both.") : value.Value;
    }

    /// <summary>
    /// A localizer for code shared with the pages (e.g. <c>UnionReports.Parse</c>): it answers a page key K with the API's
    /// own text "Api_K" (which names the query parameters) and remembers the last message asked for, for its code.
    /// </summary>
    public sealed class ApiTextLocalizer(IStringLocalizer inner) : IStringLocalizer
    {
        /// <summary>The last API message looked up, or null.</summary>
        public ApiMessage? Last { get; private set; }

        /// <inheritdoc />
        public LocalizedString this[string name] => this[name, []];

        /// <inheritdoc />
        public LocalizedString this[string name, params object[] arguments]
        {
            get
            {
                ArgumentNullException.ThrowIfNull(name);
                var key = "Api_" + name;
                Last = All.FirstOrDefault(m => m.Key == key);
                return new LocalizedString(name, Text(inner, key, arguments));
            }
        }

        /// <inheritdoc />
        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => inner.GetAllStrings(includeParentCultures);
    }
}
