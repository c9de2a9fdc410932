namespace Stations.Gateway.Web.Status;

/// <summary>One page of the status overview: counts over the whole scope, how many match, and the rows of this page.</summary>
/// <param name="Total">Stations in scope.</param>
/// <param name="Online">Of those, online.</param>
/// <param name="Open">Of those, open.</param>
/// <param name="WithAlarms">Of those, with open alarms.</param>
/// <param name="Matching">Stations matching the filters.</param>
/// <param name="Number">This page (1-based).</param>
/// <param name="Pages">Pages in all (at least 1).</param>
/// <param name="Rows">This page's rows.</param>
public sealed record StatusPage(int Total, int Online, int Open, int WithAlarms, int Matching, int Number, int Pages, IReadOnlyList<StatusRow> Rows);
