using System.Text.Json;
using Microsoft.Extensions.Localization;
using Stations.Gateway.Commands;
using Stations.Gateway.DeviceState;
using Stations.Gateway.Web.Commands;
using Stations.Gateway.Web.Localization;
using Stations.Gateway.Web.Scope;

namespace Stations.Gateway.Web.Live;

/// <summary>
/// Server-Sent Events for live pages: each event is a JSON object of `data-live` key → text; web/live.js puts each
/// text into the elements carrying that key. Only changed keys are sent after the first event.
/// </summary>
public static class LiveStreams
{
    /// <summary>How often the streams look for changes.</summary>
    public static TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Maps `/live/stations` (the overview) and `/live/stations/{id}` (one station's devices and commands).</summary>
    public static void MapLiveStreams(this WebApplication app)
    {
        var group = app.MapGroup("/live").RequireAuthorization();
        group.MapGet("/stations", async (HttpContext context, StationScope scope, StationStatusService status, IStringLocalizer<SharedResource> l, string? ids) =>
        {
            var access = await scope.ResolveAsync(context.User, context.RequestAborted).ConfigureAwait(false);
            // ?ids=a,b,c: only the stations on the page (the overview shows one page of many); none given = all in scope.
            var wanted = string.IsNullOrEmpty(ids) ? null : new HashSet<string>(ids.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.Ordinal);
            await StreamAsync(context, async ct =>
            {
                var values = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var s in (await status.ListAsync(ct).ConfigureAwait(false)).Where(s => access.Contains(s.StationId) && (wanted == null || wanted.Contains(s.StationId))))
                {
                    AddStation(values, "st:" + s.StationId, s, l);
                }

                return values;
            }).ConfigureAwait(false);
        });
        group.MapGet("/stations/{id}", async (string id, HttpContext context, StationScope scope, StationStatusService status, CommandService commands, TimeProvider time, IStringLocalizer<SharedResource> l) =>
        {
            var access = await scope.ResolveAsync(context.User, context.RequestAborted).ConfigureAwait(false);
            if (!access.Contains(id) || await status.FindAsync(id, context.RequestAborted).ConfigureAwait(false) == null)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            await StreamAsync(context, async ct =>
            {
                var values = new Dictionary<string, string>(StringComparer.Ordinal);
                if (await status.FindAsync(id, ct).ConfigureAwait(false) is { } station)
                {
                    AddStation(values, "st", station, l);
                }

                foreach (var device in await status.DevicesAsync(id, ct).ConfigureAwait(false))
                {
                    values["dev:" + device.DeviceId] = l["Device_" + device.Status];
                }

                var now = time.GetUtcNow().ToUnixTimeMilliseconds();
                foreach (var command in await commands.ListAsync(id, 20, ct).ConfigureAwait(false))
                {
                    values["cmd:" + command.CommandId] = l["Command_" + CommandProgress.Of(command, now)];
                    values["cmdres:" + command.CommandId] = command.ResultCode == null ? "" : command.ResultCode + (string.IsNullOrEmpty(command.ResultDetail) ? "" : ": " + command.ResultDetail);
                }

                return values;
            }).ConfigureAwait(false);
        });
    }

    static void AddStation(Dictionary<string, string> values, string prefix, StationStatus s, IStringLocalizer<SharedResource> l)
    {
        values[prefix + ":online"] = s.Online == 1 ? l["Online"] : l["Offline"];
        values[prefix + ":open"] = s.IsOpen == 1 ? l["Open"] : l["Closed"];
        values[prefix + ":alarms"] = s.ActiveAlarms.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    static async Task StreamAsync(HttpContext context, Func<CancellationToken, Task<Dictionary<string, string>>> snapshot)
    {
        var ct = context.RequestAborted;
        context.Response.Headers.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        var sent = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var now = await snapshot(ct).ConfigureAwait(false);
                var changed = now.Where(kv => !sent.TryGetValue(kv.Key, out var old) || old != kv.Value).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
                if (changed.Count > 0 || sent.Count == 0)
                {
                    await context.Response.WriteAsync("data: " + JsonSerializer.Serialize(changed) + "\n\n", ct).ConfigureAwait(false);
                    await context.Response.Body.FlushAsync(ct).ConfigureAwait(false);
                    foreach (var (key, value) in changed)
                    {
                        sent[key] = value;
                    }
                }
                else
                {
                    // A comment line keeps proxies from closing an idle stream.
                    await context.Response.WriteAsync(": idle\n\n", ct).ConfigureAwait(false);
                    await context.Response.Body.FlushAsync(ct).ConfigureAwait(false);
                }

                await Task.Delay(Interval, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The browser went away.
        }
    }
}
