using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace Stations.Ratings.Engine;

/// <summary>JSON form of a rating (result + inputs) for the gateway to store, and back.</summary>
public static class RatingJson
{
    /// <summary>The options used: camelCase, enums as strings, Chinese kept readable.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>Serialises a rating with its inputs.</summary>
    public static string Serialize(RatingResult rating) => JsonSerializer.Serialize(rating, Options);

    /// <summary>Reads a stored rating; throws <see cref="JsonException"/> naming the path when the text is not a rating.</summary>
    public static RatingResult Deserialize(string json) =>
        JsonSerializer.Deserialize<RatingResult>(json, Options)
        ?? throw new JsonException("The stored rating is 'null'; store the output of RatingJson.Serialize.");
}
