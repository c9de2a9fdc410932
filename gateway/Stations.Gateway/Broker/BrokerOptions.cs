namespace Stations.Gateway.Broker;

/// <summary>Settings under `Gateway:Broker`.</summary>
public sealed class BrokerOptions
{
    /// <summary>`Embedded` (default) or `External`.</summary>
    public BrokerMode Mode { get; set; } = BrokerMode.Embedded;

    /// <summary>Embedded: address to listen on.</summary>
    public string ListenAddress { get; set; } = "0.0.0.0";

    /// <summary>Embedded: plain TCP port (0 disables plain TCP; then TLS must be on).</summary>
    public int Port { get; set; } = 1883;

    /// <summary>Embedded: TLS port (0 = no TLS).</summary>
    public int TlsPort { get; set; }

    /// <summary>Embedded: PFX/PKCS#12 certificate file for TLS.</summary>
    public string? TlsCertificatePath { get; set; }

    /// <summary>Embedded: password of the certificate file.</summary>
    public string? TlsCertificatePassword { get; set; }

    /// <summary>External: broker host name.</summary>
    public string? Host { get; set; }

    /// <summary>External: broker port.</summary>
    public int ExternalPort { get; set; } = 1883;

    /// <summary>External: connect with TLS.</summary>
    public bool UseTls { get; set; }

    /// <summary>External: the gateway's own user name on the broker.</summary>
    public string? Username { get; set; }

    /// <summary>External: the gateway's own password on the broker.</summary>
    public string? Password { get; set; }

    /// <summary>External: this instance's client id (unique per gateway instance).</summary>
    public string ClientId { get; set; } = "gateway-" + Environment.MachineName.ToLowerInvariant();

    /// <summary>External: the MQTT 5 shared-subscription group all gateway instances join.</summary>
    public string SharedGroup { get; set; } = "gateway";
}
