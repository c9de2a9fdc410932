using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Stations.Gateway.Commands;
using Stations.Gateway.DeviceState;
using Stations.Gateway.Stations;
using Stations.Gateway.Web.Auth;
using Stations.Gateway.Web.Localization;
using Stations.Gateway.Web.Scope;

namespace Stations.Gateway.Web.Pages.Stations;

/// <summary>
/// A station's configuration: view, edit or upload, validate with the station's own validator, save (versions kept),
/// push with `config.set`, and whether the station's reported `cfg` matches the saved hash. Technicians and
/// administrators edit; managers read; union offices have no access.
/// </summary>
public sealed class ConfigModel(
    StationScope scope,
    StationRegistry registry,
    StationStatusService status,
    StationConfigService configs,
    CommandService commands,
    IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>Largest uploaded file accepted.</summary>
    public const int MaxUploadBytes = 64 * 1024;

    /// <summary>Who is looking.</summary>
    public StationAccess Access { get; private set; } = StationAccess.Only("", "", []);

    /// <summary>The station's registration.</summary>
    public StationRecord Station { get; private set; } = null!;

    /// <summary>The text in the editor (the saved config, indented, or what was just submitted).</summary>
    public string Text { get; private set; } = "";

    /// <summary>The saved config's hash, or null.</summary>
    public string? SavedHash { get; private set; }

    /// <summary>The hash the station reported last, or null.</summary>
    public string? ReportedHash { get; private set; }

    /// <summary>Saved versions, newest first.</summary>
    public IReadOnlyList<StationConfigVersion> Versions { get; private set; } = [];

    /// <summary>The validator's message after validate/save, or null.</summary>
    public string? Error { get; private set; }

    /// <summary>A confirmation to show, or null.</summary>
    public string? Notice { get; private set; }

    /// <summary>Shows the saved config.</summary>
    public async Task<IActionResult> OnGetAsync(string id)
    {
        var refusal = await LoadAsync(id, write: false).ConfigureAwait(false);
        return refusal ?? Page();
    }

    /// <summary>Checks the submitted text without saving.</summary>
    public async Task<IActionResult> OnPostValidateAsync(string id, string? text)
    {
        var refusal = await LoadAsync(id, write: true).ConfigureAwait(false);
        if (refusal != null)
        {
            return refusal;
        }

        Text = text ?? "";
        var check = StationConfigService.Check(id, Encoding.UTF8.GetBytes(Text));
        Error = check.Error;
        Notice = check.Valid ? l["Config_Valid", check.Hash!].Value : null;
        return Page();
    }

    /// <summary>Saves the submitted text.</summary>
    public Task<IActionResult> OnPostSaveAsync(string id, string? text) => SaveAsync(id, Encoding.UTF8.GetBytes(text ?? ""), text ?? "");

    /// <summary>Saves an uploaded JSON file.</summary>
    public async Task<IActionResult> OnPostUploadAsync(string id, IFormFile? file)
    {
        if (file == null || file.Length == 0 || file.Length > MaxUploadBytes)
        {
            var refusal = await LoadAsync(id, write: true).ConfigureAwait(false);
            if (refusal != null)
            {
                return refusal;
            }

            Error = l["Config_UploadBad", MaxUploadBytes / 1024];
            return Page();
        }

        using var memory = new MemoryStream();
        await file.CopyToAsync(memory, HttpContext.RequestAborted).ConfigureAwait(false);
        var bytes = memory.ToArray();
        return await SaveAsync(id, bytes, Encoding.UTF8.GetString(bytes)).ConfigureAwait(false);
    }

    /// <summary>Sends the saved config with `config.set` and waits briefly for the station's answer.</summary>
    public async Task<IActionResult> OnPostPushAsync(string id)
    {
        var refusal = await LoadAsync(id, write: true).ConfigureAwait(false);
        if (refusal != null)
        {
            return refusal;
        }

        var ct = HttpContext.RequestAborted;
        var sent = await configs.PushAsync(id, Access.UserName, ct).ConfigureAwait(false);
        if (sent == null)
        {
            Error = l["Command_NoConfig", id];
            return Page();
        }

        var done = await commands.WaitForResultAsync(id, sent.CommandId, TimeSpan.FromSeconds(5), ct).ConfigureAwait(false);
        Notice = done?.ResultCode == null
            ? l["Config_PushSent", sent.CommandId]
            : l["Config_PushResult", sent.CommandId, done.ResultCode + (string.IsNullOrEmpty(done.ResultDetail) ? "" : ": " + done.ResultDetail)];
        await LoadAsync(id, write: true).ConfigureAwait(false);
        return Page();
    }

    async Task<IActionResult> SaveAsync(string id, byte[] bytes, string text)
    {
        var refusal = await LoadAsync(id, write: true).ConfigureAwait(false);
        if (refusal != null)
        {
            return refusal;
        }

        var check = await configs.SaveAsync(id, bytes, Access.UserName, HttpContext.RequestAborted).ConfigureAwait(false);
        if (!check.Valid)
        {
            Text = text;
            Error = check.Error;
            return Page();
        }

        await LoadAsync(id, write: true).ConfigureAwait(false);
        Notice = l["Config_Saved", check.Hash!];
        return Page();
    }

    async Task<IActionResult?> LoadAsync(string id, bool write)
    {
        var ct = HttpContext.RequestAborted;
        Access = await scope.ResolveAsync(User, ct).ConfigureAwait(false);
        var station = Access.Contains(id) ? await registry.FindAsync(id, ct).ConfigureAwait(false) : null;
        if (station == null || Access.Role == WebRoles.UnionOffice)
        {
            return NotFound();
        }

        if (write && !Access.CanConfigure)
        {
            return Forbid();
        }

        Station = station;
        var current = await configs.CurrentAsync(id, ct).ConfigureAwait(false);
        SavedHash = current == null ? null : StationConfigService.HashOf(current);
        Text = current == null ? "" : StationConfigService.Pretty(current);
        ReportedHash = (await status.FindAsync(id, ct).ConfigureAwait(false))?.ConfigHash;
        Versions = await configs.HistoryAsync(id, 20, ct).ConfigureAwait(false);
        return null;
    }
}
