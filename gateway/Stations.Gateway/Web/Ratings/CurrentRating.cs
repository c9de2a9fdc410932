using Stations.Ratings.Engine;

namespace Stations.Gateway.Web.Ratings;

/// <summary>A station's current rating and whether it is the stored monthly one (true) or made on demand for the last 30 days.</summary>
public sealed record CurrentRating(RatingResult Rating, bool Stored);
