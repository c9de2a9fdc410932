namespace Stations.Firmware.Link
{
    /// <summary>How the station reaches its broker: host, port, TLS with a CA certificate, MQTT 3.1.1 or 5.</summary>
    public sealed class MqttLinkSettings
    {
        /// <summary>Broker host name or IP address.</summary>
        public string BrokerHost;

        /// <summary>TCP port (1883 plain, 8883 TLS by convention).</summary>
        public int BrokerPort = 1883;

        /// <summary>True for TLS; the broker certificate is checked against <see cref="CaCertificatePem"/>.</summary>
        public bool UseTls;

        /// <summary>PEM text of the CA that signed the broker's certificate (required with TLS).</summary>
        public string CaCertificatePem;

        /// <summary>True for MQTT 5 (reason codes on PUBACK), false for MQTT 3.1.1.</summary>
        public bool UseMqtt5;

        /// <summary>Keep-alive period in seconds (the broker drops the session, and publishes the will, after 1.5x this).</summary>
        public int KeepAliveSeconds = 30;
    }
}
