using System;

namespace Stations.Firmware.Facade
{
    /// <summary>
    /// Marks a facade type or member as a copy of a nanoFramework public API (type, name, parameter and return types as
    /// in the package's source at that version). Bodies are stubs: the facade exists only so the device adapters compile
    /// on .NET; it never runs on a board.
    /// </summary>
    [AttributeUsage(AttributeTargets.All, AllowMultiple = false, Inherited = false)]
    public sealed class MirrorsAttribute : Attribute
    {
        /// <summary>Names the NuGet package and version the annotated API mirrors.</summary>
        public MirrorsAttribute(string package, string version)
        {
            Package = package;
            Version = version;
        }

        /// <summary>NuGet package id, e.g. nanoFramework.System.Device.Gpio.</summary>
        public string Package { get; }

        /// <summary>Package version, as pinned in firmware/Stations.Firmware/packages.config.</summary>
        public string Version { get; }
    }
}
