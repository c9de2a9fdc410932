namespace Stations.Ratings.Delivery;

/// <summary>A rendered report file.</summary>
public sealed record ReportFile(string FileName, string ContentType, byte[] Content);
