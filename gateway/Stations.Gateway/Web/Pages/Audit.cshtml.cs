using Microsoft.AspNetCore.Mvc.RazorPages;
using Stations.Gateway.Commands;
using Stations.Gateway.Web.History;
using Stations.Gateway.Web.Scope;

namespace Stations.Gateway.Web.Pages;

/// <summary>Who did what, when, with what result: every command (with the station's result) and every audited action in scope.</summary>
public sealed class AuditModel(StationScope scope, StationHistory history, TimeProvider time) : PageModel
{
    /// <summary>Commands in scope, newest first.</summary>
    public IReadOnlyList<CommandRecord> Commands { get; private set; } = [];

    /// <summary>Audit records in scope, newest first.</summary>
    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    /// <summary>Now, UTC ms.</summary>
    public long NowMs => time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Lists.</summary>
    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var access = await scope.ResolveAsync(User, ct).ConfigureAwait(false);
        Commands = (await history.RecentCommandsAsync(1000, ct).ConfigureAwait(false)).Where(c => access.Contains(c.StationId)).Take(200).ToList();
        Entries = (await history.AuditAsync(1000, ct).ConfigureAwait(false))
            .Where(e => e.StationId == null ? access.SeesAll : access.Contains(e.StationId)).Take(200).ToList();
    }
}
