namespace Stations.Gateway.Ratings;

/// <summary>Body of PUT /api/v1/stations/{id}/profile: what telemetry cannot see.</summary>
public sealed record ApiStationProfile(double AreaSquareMetres, int Seats, bool HasAed, IReadOnlyList<string>? Services);

/// <summary>Profile problems (400): each names the field and the fix, in the language asked for.</summary>
public sealed record ApiProfileProblems(string Error, IReadOnlyList<string> Problems);

/// <summary>One stored monthly rating in GET /api/v1/ratings (the full explanation is on the station's Stars page).</summary>
public sealed record ApiStoredRating(string StationId, string From, string To, double Score, int? AwardedStars, int ComputedStars, string Status, string Movement, bool EvidenceSufficient, string RubricId, string RubricVersion);
