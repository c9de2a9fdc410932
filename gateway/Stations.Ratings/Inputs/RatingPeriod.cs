namespace Stations.Ratings.Inputs;

/// <summary>A rated period of station-local days, both ends inclusive (a calendar month, or any range on demand).</summary>
public sealed record RatingPeriod
{
    /// <summary>First local day of the period.</summary>
    public required DateOnly From { get; init; }

    /// <summary>Last local day of the period (inclusive).</summary>
    public required DateOnly To { get; init; }

    /// <summary>Number of days in the period.</summary>
    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>The calendar month <paramref name="month"/> (1-12) of <paramref name="year"/>.</summary>
    public static RatingPeriod Month(int year, int month)
    {
        var from = new DateOnly(year, month, 1);
        return new RatingPeriod { From = from, To = from.AddMonths(1).AddDays(-1) };
    }

    /// <summary>A period from <paramref name="from"/> to <paramref name="to"/>; throws when it is empty.</summary>
    public static RatingPeriod Between(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            throw new ArgumentException($"Period ends ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd}); swap the dates.", nameof(to));
        }

        return new RatingPeriod { From = from, To = to };
    }

    /// <summary>The period of the same length that ends the day before this one starts (for trends).</summary>
    public RatingPeriod Previous()
    {
        if (From.Day == 1 && To == From.AddMonths(1).AddDays(-1))
        {
            var m = From.AddMonths(-1);
            return Month(m.Year, m.Month);
        }

        return new RatingPeriod { From = From.AddDays(-Days), To = From.AddDays(-1) };
    }

    /// <summary>Whether <paramref name="day"/> lies in the period.</summary>
    public bool Contains(DateOnly day) => day >= From && day <= To;

    /// <inheritdoc />
    public override string ToString() => $"{From:yyyy-MM-dd}..{To:yyyy-MM-dd}";
}
