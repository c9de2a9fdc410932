using MQTTnet;

namespace Stations.Gateway.Tests.Support;

/// <summary>The broker refused a test station's CONNECT.</summary>
public sealed class StationRefusedException(MqttClientConnectResultCode code) : Exception("Connection refused: " + code)
{
    public MqttClientConnectResultCode Code { get; } = code;
}
