using System.Globalization;
using Stations.Ratings.Rubrics;

namespace Stations.Ratings.Inputs;

/// <summary>Checks the profile attributes an administrator enters (area, seats, services) and names each problem and its fix.</summary>
public static class StationProfileValidator
{
    /// <summary>Largest floor area accepted, m² (a rest station is a room, not a hall: larger is a typing error).</summary>
    public const double MaxAreaSquareMetres = 10_000;

    /// <summary>Most seats accepted.</summary>
    public const int MaxSeats = 1_000;

    /// <summary>The problems of the attributes, in the messages' language (empty when they are fine).</summary>
    public static IReadOnlyList<string> Validate(double areaSquareMetres, int seats, IEnumerable<string> services, RatingMessages messages)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(messages);
        var problems = new List<string>();
        if (double.IsNaN(areaSquareMetres) || areaSquareMetres < 0 || areaSquareMetres > MaxAreaSquareMetres)
        {
            problems.Add(messages.Format("ProfileAreaInvalid", areaSquareMetres.ToString(CultureInfo.InvariantCulture), MaxAreaSquareMetres));
        }

        if (seats is < 0 or > MaxSeats)
        {
            problems.Add(messages.Format("ProfileSeatsInvalid", seats, MaxSeats));
        }

        foreach (var code in services.Where(c => StationServices.Find(c) is null).Distinct(StringComparer.Ordinal))
        {
            problems.Add(messages.Format("ProfileServiceUnknown", code, string.Join(", ", StationServices.All.Select(s => s.Code))));
        }

        return problems;
    }
}
