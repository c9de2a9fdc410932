namespace Stations.Gateway.Web.Rubrics;

/// <summary>A rating rubric file as an administrator uploaded it: its id and version, the file and who uploaded it.</summary>
public sealed class RubricFile
{
    /// <summary>The rubric's <c>id</c> (e.g. "default", "guizhou").</summary>
    public string RubricId { get; set; } = "";

    /// <summary>The rubric's <c>version</c>; each changed file gets a new one.</summary>
    public string Version { get; set; } = "";

    /// <summary>The uploaded file's name.</summary>
    public string FileName { get; set; } = "";

    /// <summary>The file's JSON text, exactly as uploaded.</summary>
    public string Content { get; set; } = "";

    /// <summary>SHA-256 of the file's bytes (hex), as the rating results record it.</summary>
    public string ContentSha256 { get; set; } = "";

    /// <summary>Who uploaded it ("built-in" for the rubric shipped with the gateway).</summary>
    public string UploadedBy { get; set; } = "";

    /// <summary>When, UTC ms (0 for the built-in rubric).</summary>
    public long UploadedAtMs { get; set; }

    /// <summary>"id@version", the key the region choice uses.</summary>
    public string Key => RubricId + "@" + Version;
}
