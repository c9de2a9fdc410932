namespace Stations.Ratings.Inputs;

/// <summary>What telemetry cannot see about a station: where it is in the union region tree and its fixed facilities.</summary>
public sealed record StationProfile
{
    /// <summary>Station identifier.</summary>
    public required string StationId { get; init; }

    /// <summary>Display name, e.g. 五一路工会驿站.</summary>
    public string Name { get; init; } = "";

    /// <summary>Province (省), e.g. 福建省.</summary>
    public string Province { get; init; } = "";

    /// <summary>City (市), e.g. 福州市.</summary>
    public string City { get; init; } = "";

    /// <summary>District (区/县), e.g. 鼓楼区.</summary>
    public string District { get; init; } = "";

    /// <summary>Floor area in square metres.</summary>
    public double AreaSquareMetres { get; init; }

    /// <summary>Seats (room for this many people to rest).</summary>
    public int Seats { get; init; }

    /// <summary>Whether an automated external defibrillator (AED) is on site.</summary>
    public bool HasAed { get; init; }

    /// <summary>Special services offered, e.g. 维权接待 (legal-rights help), 母婴室.</summary>
    public IReadOnlyList<string> SpecialServices { get; init; } = [];

    /// <summary>Basic facilities (七个一), e.g. microwave, firstAidKit, toilet: shown with the rating; no rubric item scores them yet.</summary>
    public IReadOnlyList<string> Facilities { get; init; } = [];

    /// <summary>IANA time zone of the station's local days.</summary>
    public string TimeZone { get; init; } = "Asia/Shanghai";
}
