namespace Stations.Gateway.Ratings;

/// <summary>The monthly rating job (section <c>Gateway:Ratings</c>).</summary>
public sealed class RatingOptions
{
    /// <summary>Whether the gateway rates every station after each month ends.</summary>
    public bool MonthlyJobEnabled { get; set; } = true;

    /// <summary>IANA zone whose calendar months are rated (the stations' zone).</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>Local hour of the 1st from which the previous month is rated (late replays of the last evening arrive first).</summary>
    public int RunFromLocalHour { get; set; } = 3;

    /// <summary>How often the job checks whether a month is due, minutes.</summary>
    public int CheckIntervalMinutes { get; set; } = 15;
}
