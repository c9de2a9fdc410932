using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.Extensions.Localization;
using Stations.Gateway.Storage;
using Stations.Gateway.Web.Localization;
using Stations.Gateway.Web.Regions;
using Stations.Ratings.Rubrics;

namespace Stations.Gateway.Web.Rubrics;

/// <summary>
/// Rating rubric files (the built-in default plus uploaded versions, each checked by the ratings engine's own
/// validator before it is stored) and which rubric each region uses; a region without a choice inherits its parent's,
/// and the top falls back to the built-in default.
/// </summary>
public sealed class RubricStore(StationDatabase database, RegionStore regions, TimeProvider time, IStringLocalizer<SharedResource> l)
{
    /// <summary>Largest rubric file accepted.</summary>
    public const int MaxFileBytes = 256 * 1024;

    /// <summary>Who "uploaded" the rubric shipped with the gateway.</summary>
    public const string BuiltInUploader = "built-in";

    static readonly Lazy<RubricFile> BuiltInFile = new(LoadBuiltIn);

    /// <summary>The rubric shipped with the gateway (rubrics/default-v1.json), always available.</summary>
    public static RubricFile BuiltIn => BuiltInFile.Value;

    /// <summary>The built-in rubric first, then every uploaded file by id and version.</summary>
    public async Task<IReadOnlyList<RubricFile>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var stored = await connection.QueryAsync<RubricFile>(
            "SELECT rubric_id, version, file_name, content, content_sha256, uploaded_by, uploaded_at_ms FROM rubric_files ORDER BY rubric_id, version").ConfigureAwait(false);
        return [BuiltIn, .. stored];
    }

    /// <summary>
    /// Validates and stores an uploaded rubric file. Throws <see cref="RubricValidationException"/> with the
    /// validator's own messages when the file is invalid, or <see cref="ArgumentException"/> when its id and version
    /// are already taken by different content. Uploading the same file again changes nothing. The validator speaks
    /// <paramref name="messages"/>' language (English when null).
    /// </summary>
    public async Task<Rubric> UploadAsync(string fileName, byte[] content, string uploadedBy, RatingMessages? messages = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.Length == 0 || content.Length > MaxFileBytes)
        {
            throw new ArgumentException(l["Rubric_FileSize", MaxFileBytes / 1024]);
        }

        var rubric = RubricLoader.Parse(content, fileName, messages);
        var existing = (await ListAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(f => f.RubricId == rubric.Id && f.Version == rubric.Version);
        if (existing != null)
        {
            return existing.ContentSha256 == rubric.ContentSha256
                ? rubric
                : throw new ArgumentException(l["Rubric_VersionTaken", rubric.Id, rubric.Version]);
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(
            """
            INSERT INTO rubric_files (rubric_id, version, file_name, content, content_sha256, uploaded_by, uploaded_at_ms)
            VALUES (@Id, @Version, @fileName, @text, @ContentSha256, @uploadedBy, @now)
            """,
            new { rubric.Id, rubric.Version, fileName, text = Encoding.UTF8.GetString(content), rubric.ContentSha256, uploadedBy, now = time.GetUtcNow().ToUnixTimeMilliseconds() }).ConfigureAwait(false);
        return rubric;
    }

    /// <summary>Every region's own rubric choice.</summary>
    public async Task<IReadOnlyList<RegionRubric>> ChoicesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.QueryAsync<RegionRubric>("SELECT region_id, rubric_id, version, chosen_by, chosen_at_ms FROM region_rubrics ORDER BY region_id").ConfigureAwait(false)).ToList();
    }

    /// <summary>Makes a region use the rubric <paramref name="rubricKey"/> ("id@version"); an empty key removes the choice (the region inherits).</summary>
    public async Task ChooseAsync(long regionId, string? rubricKey, string chosenBy, CancellationToken cancellationToken = default)
    {
        if ((await regions.ListAsync(cancellationToken).ConfigureAwait(false)).All(r => r.RegionId != regionId))
        {
            throw new ArgumentException(l["Region_NoRegion", regionId]);
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(rubricKey))
        {
            await connection.ExecuteAsync("DELETE FROM region_rubrics WHERE region_id = @regionId", new { regionId }).ConfigureAwait(false);
            return;
        }

        var file = (await ListAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(f => f.Key == rubricKey.Trim())
            ?? throw new ArgumentException(l["Rubric_Unknown", rubricKey.Trim()]);
        await connection.ExecuteAsync(
            """
            INSERT INTO region_rubrics (region_id, rubric_id, version, chosen_by, chosen_at_ms) VALUES (@regionId, @RubricId, @Version, @chosenBy, @now)
            ON CONFLICT (region_id) DO UPDATE SET rubric_id = excluded.rubric_id, version = excluded.version, chosen_by = excluded.chosen_by, chosen_at_ms = excluded.chosen_at_ms
            """,
            new { regionId, file.RubricId, file.Version, chosenBy, now = time.GetUtcNow().ToUnixTimeMilliseconds() }).ConfigureAwait(false);
    }

    /// <summary>The rubric file a region uses: its own choice, else the nearest parent's, else the built-in default.</summary>
    public async Task<RubricFile> FileForRegionAsync(long regionId, CancellationToken cancellationToken = default)
    {
        var choice = Effective(await regions.ListAsync(cancellationToken).ConfigureAwait(false), await ChoicesAsync(cancellationToken).ConfigureAwait(false), regionId);
        if (choice == null)
        {
            return BuiltIn;
        }

        return (await ListAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(f => f.RubricId == choice.RubricId && f.Version == choice.Version) ?? BuiltIn;
    }

    /// <summary>The rubric a region uses, parsed (see <see cref="FileForRegionAsync"/>).</summary>
    public async Task<Rubric> ForRegionAsync(long regionId, CancellationToken cancellationToken = default)
    {
        var file = await FileForRegionAsync(regionId, cancellationToken).ConfigureAwait(false);
        return file == BuiltIn ? Rubric.Default : RubricLoader.Parse(Encoding.UTF8.GetBytes(file.Content), file.FileName);
    }

    /// <summary>
    /// The rubric each station is rated with: its region's (inherited, see <see cref="FileForRegionAsync"/>); a station
    /// not placed in a region gets the built-in default. Reads the regions, choices and files once; each rubric file is
    /// parsed once, so one lookup serves a whole fleet.
    /// </summary>
    public async Task<Func<string, Rubric>> ForStationsAsync(CancellationToken cancellationToken = default)
    {
        var tree = await regions.ListAsync(cancellationToken).ConfigureAwait(false);
        var placed = await regions.StationRegionsAsync(cancellationToken).ConfigureAwait(false);
        var choices = await ChoicesAsync(cancellationToken).ConfigureAwait(false);
        var files = (await ListAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(f => f.Key, StringComparer.Ordinal);
        var parsed = new Dictionary<string, Rubric>(StringComparer.Ordinal);
        var byRegion = new Dictionary<long, Rubric>();
        return stationId =>
        {
            if (!placed.TryGetValue(stationId, out var regionId))
            {
                return Rubric.Default;
            }

            if (!byRegion.TryGetValue(regionId, out var rubric))
            {
                var choice = Effective(tree, choices, regionId);
                rubric = choice != null && files.TryGetValue(choice.RubricId + "@" + choice.Version, out var file) ? Parsed(file, parsed) : Rubric.Default;
                byRegion[regionId] = rubric;
            }

            return rubric;
        };
    }

    /// <summary>
    /// Finds a rubric by id and version among the rubrics shipped with the gateway and the uploaded ones (rubric_files),
    /// for re-scoring stored ratings; null when neither has it. Reads the uploaded files once.
    /// </summary>
    public async Task<Func<string, string, Rubric?>> FinderAsync(CancellationToken cancellationToken = default)
    {
        var files = (await ListAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(f => f.Key, StringComparer.Ordinal);
        var parsed = new Dictionary<string, Rubric>(StringComparer.Ordinal);
        return (id, version) => Rubric.Find(id, version)
            ?? (files.TryGetValue(id + "@" + version, out var file) ? Parsed(file, parsed) : null);
    }

    /// <summary>The choice in force for <paramref name="regionId"/>: its own, else the nearest parent's; null = the built-in default.</summary>
    public static RegionRubric? Effective(IReadOnlyList<Region> regionTree, IReadOnlyList<RegionRubric> choices, long regionId)
    {
        ArgumentNullException.ThrowIfNull(regionTree);
        ArgumentNullException.ThrowIfNull(choices);
        var byId = regionTree.ToDictionary(r => r.RegionId);
        long? current = regionId;
        for (var depth = 0; current is { } id && depth < 16; depth++)
        {
            var own = choices.FirstOrDefault(c => c.RegionId == id);
            if (own != null)
            {
                return own;
            }

            current = byId.TryGetValue(id, out var region) ? region.ParentId : null;
        }

        return null;
    }

    static Rubric Parsed(RubricFile file, Dictionary<string, Rubric> cache)
    {
        if (file == BuiltIn)
        {
            return Rubric.Default;
        }

        if (!cache.TryGetValue(file.Key, out var rubric))
        {
            // Checked at upload; parsing the stored text again gives the same rubric and hash.
            rubric = RubricLoader.Parse(Encoding.UTF8.GetBytes(file.Content), file.FileName);
            cache[file.Key] = rubric;
        }

        return rubric;
    }

    static RubricFile LoadBuiltIn()
    {
        const string fileName = "default-v1.json";
        using var stream = typeof(Rubric).Assembly.GetManifestResourceStream("Stations.Ratings.Rubrics." + fileName)
            ?? throw new InvalidOperationException("The built-in rubric is missing from Stations.Ratings; rebuild it with rubrics/default-v1.json present.");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        var bytes = memory.ToArray();
        return new RubricFile
        {
            RubricId = Rubric.Default.Id,
            Version = Rubric.Default.Version,
            FileName = fileName,
            Content = Encoding.UTF8.GetString(bytes),
            ContentSha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            UploadedBy = BuiltInUploader,
        };
    }
}
