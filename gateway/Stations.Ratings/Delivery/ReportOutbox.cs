using System.Text.Json;
using Stations.Ratings.Engine;

namespace Stations.Ratings.Delivery;

/// <summary>
/// Folder where every report is written before it is mailed: one sub-folder per delivery with the files and a
/// <c>delivery.json</c> status record. Folders and records are written to a temporary name and renamed, so a crash
/// never leaves a half-written report, and a failed mail stays here until it is sent.
/// </summary>
public sealed class ReportOutbox
{
    private const string RecordName = "delivery.json";
    private const string StateName = "schedule-state.json";
    private readonly Lock gate = new();

    /// <summary>Creates (if needed) the outbox in <paramref name="folder"/>.</summary>
    public ReportOutbox(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        Folder = Path.GetFullPath(folder);
        Directory.CreateDirectory(Folder);
    }

    /// <summary>The outbox folder.</summary>
    public string Folder { get; }

    /// <summary>Whether a delivery with this id already exists.</summary>
    public bool Contains(string id) => Directory.Exists(Path.Combine(Folder, id));

    /// <summary>Writes the files and the status record of a new delivery, atomically.</summary>
    public void Add(ReportDelivery delivery, IReadOnlyList<ReportFile> files)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(files);
        var final = Path.Combine(Folder, delivery.Id);
        var temp = final + ".tmp";
        if (Directory.Exists(temp))
        {
            Directory.Delete(temp, recursive: true);
        }

        Directory.CreateDirectory(temp);
        foreach (var f in files)
        {
            File.WriteAllBytes(Path.Combine(temp, f.FileName), f.Content);
        }

        File.WriteAllText(Path.Combine(temp, RecordName), JsonSerializer.Serialize(delivery, RatingJson.Options));
        Directory.Move(temp, final);
    }

    /// <summary>Every delivery's status record, oldest first.</summary>
    public IReadOnlyList<ReportDelivery> List()
    {
        var list = new List<ReportDelivery>();
        foreach (var dir in Directory.GetDirectories(Folder).Where(d => !d.EndsWith(".tmp", StringComparison.Ordinal)))
        {
            var record = Path.Combine(dir, RecordName);
            if (File.Exists(record))
            {
                list.Add(JsonSerializer.Deserialize<ReportDelivery>(File.ReadAllText(record), RatingJson.Options)
                    ?? throw new InvalidDataException($"{record} is empty; delete the folder or restore the record."));
            }
        }

        return list.OrderBy(d => d.CreatedAt).ThenBy(d => d.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>Replaces a delivery's status record atomically.</summary>
    public void Update(ReportDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        WriteAtomically(Path.Combine(Folder, delivery.Id, RecordName), JsonSerializer.Serialize(delivery, RatingJson.Options));
    }

    /// <summary>Path of one attachment of a delivery.</summary>
    public string AttachmentPath(ReportDelivery delivery, string fileName)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return Path.Combine(Folder, delivery.Id, fileName);
    }

    /// <summary>When each schedule last ran (UTC).</summary>
    public Dictionary<string, DateTimeOffset> ReadScheduleState()
    {
        lock (gate)
        {
            var path = Path.Combine(Folder, StateName);
            return File.Exists(path)
                ? JsonSerializer.Deserialize<Dictionary<string, DateTimeOffset>>(File.ReadAllText(path), RatingJson.Options) ?? []
                : [];
        }
    }

    /// <summary>Saves when each schedule last ran.</summary>
    public void WriteScheduleState(Dictionary<string, DateTimeOffset> state)
    {
        lock (gate)
        {
            WriteAtomically(Path.Combine(Folder, StateName), JsonSerializer.Serialize(state, RatingJson.Options));
        }
    }

    private static void WriteAtomically(string path, string content)
    {
        var temp = path + ".tmp";
        File.WriteAllText(temp, content);
        File.Move(temp, path, overwrite: true);
    }
}
