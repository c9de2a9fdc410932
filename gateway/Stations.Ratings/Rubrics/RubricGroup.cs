namespace Stations.Ratings.Rubrics;

/// <summary>A group of items (quantity, opening hours, devices, comfort, fault response) with its share of the 100 points.</summary>
public sealed record RubricGroup(string Id, LocalizedText Name, double MaxPoints);
