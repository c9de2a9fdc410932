namespace Stations.Gateway.Web.Regions;

/// <summary>A node of the union region tree (province → city → district) and the union office that runs it.</summary>
public sealed class Region
{
    /// <summary>Region id.</summary>
    public long RegionId { get; set; }

    /// <summary>Parent region, or null for a top-level region.</summary>
    public long? ParentId { get; set; }

    /// <summary>Name, e.g. 南明区.</summary>
    public string Name { get; set; } = "";

    /// <summary>The union office of the region, e.g. 南明区总工会.</summary>
    public string UnionOffice { get; set; } = "";
}
