namespace Stations.Gateway.Web.Localization;

/// <summary>Marker type for the UI strings in Web/Localization/SharedResource.resx (zh-CN) and SharedResource.en.resx.</summary>
#pragma warning disable CA1052 // A marker for IStringLocalizer<T> must be a type that can be a generic argument.
public sealed class SharedResource
#pragma warning restore CA1052
{
    SharedResource()
    {
    }
}
