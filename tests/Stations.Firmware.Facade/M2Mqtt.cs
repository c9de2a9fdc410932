// Facade of nanoFramework.M2Mqtt 5.1.220 (assemblies nanoFramework.M2Mqtt and nanoFramework.M2Mqtt.Core). Publish has
// exactly the four overloads the package declares, so the (topic, bytes, qos, retain) form fails to compile here too.
using System;
using System.Collections;
using System.Security.Cryptography.X509Certificates;
using Stations.Firmware.Facade;

namespace nanoFramework.M2Mqtt
{
    [Mirrors("nanoFramework.M2Mqtt", "5.1.220")]
    public enum MqttProtocolVersion
    {
        [Mirrors("nanoFramework.M2Mqtt", "5.1.220")] Version_3_1 = 0x03,
        [Mirrors("nanoFramework.M2Mqtt", "5.1.220")] Version_3_1_1 = 0x04,
        [Mirrors("nanoFramework.M2Mqtt", "5.1.220")] Version_5 = 0x05,
    }

    [Mirrors("nanoFramework.M2Mqtt", "5.1.220")]
    public enum MqttSslProtocols
    {
        [Mirrors("nanoFramework.M2Mqtt", "5.1.220")] None,
        [Mirrors("nanoFramework.M2Mqtt", "5.1.220")] SSLv3,
        [Mirrors("nanoFramework.M2Mqtt", "5.1.220")] TLSv1_0,
        [Mirrors("nanoFramework.M2Mqtt", "5.1.220")] TLSv1_1,
        [Mirrors("nanoFramework.M2Mqtt", "5.1.220")] TLSv1_2,
        [Mirrors("nanoFramework.M2Mqtt", "5.1.220")] TLSv1_3,
    }

    // Only the nested delegates: the adapter uses the concrete MqttClient, whose events are typed with them.
    [Mirrors("nanoFramework.M2Mqtt", "5.1.220")]
    public interface IMqttClient
    {
        [Mirrors("nanoFramework.M2Mqtt", "5.1.220")]
        public delegate void MqttMsgPublishEventHandler(object sender, Messages.MqttMsgPublishEventArgs e);

        [Mirrors("nanoFramework.M2Mqtt", "5.1.220")]
        public delegate void ConnectionClosedEventHandler(object sender, EventArgs e);
    }

    [Mirrors("nanoFramework.M2Mqtt", "5.1.220")]
    public class MqttClient : IDisposable
    {
        [Mirrors("nanoFramework.M2Mqtt", "5.1.220")]
        public MqttClient(string brokerHostName) { }

        [Mirrors("nanoFramework.M2Mqtt", "5.1.220")]
        public MqttClient(string brokerHostName, int brokerPort, bool secure, X509Certificate caCert, X509Certificate clientCert, MqttSslProtocols sslProtocol) { }

        [Mirrors("nanoFramework.M2Mqtt", "5.1.220")]
        public event IMqttClient.MqttMsgPublishEventHandler MqttMsgPublishReceived;

        [Mirrors("nanoFramework.M2Mqtt", "5.1.220")]
        public event IMqttClient.ConnectionClosedEventHandler ConnectionClosed;

        [Mirrors("nanoFramework.M2Mqtt", "5.1.220")]
        public bool IsConnected { get; private set; }

        [Mirrors("nanoFramework.M2Mqtt", "5.1.220")]
        public MqttProtocolVersion ProtocolVersion { get; set; }

        [Mirrors("nanoFramework.M2Mqtt", "5.1.220")]
        public Messages.MqttReasonCode Connect(string clientId, string username, string password, bool willRetain, Messages.MqttQoSLevel willQosLevel, bool willFlag, string willTopic, string willMessage, bool cleanSession, ushort keepAlivePeriod)
        {
            MqttMsgPublishReceived?.Invoke(this, null);
            ConnectionClosed?.Invoke(this, EventArgs.Empty);
            return Messages.MqttReasonCode.UnspecifiedError;
        }

        [Mirrors("nanoFramework.M2Mqtt", "5.1.220")]
        public void Disconnect() { }

        [Mirrors("nanoFramework.M2Mqtt", "5.1.220")]
        public void Close() { }

        [Mirrors("nanoFramework.M2Mqtt", "5.1.220")]
        public void Dispose() { }

        [Mirrors("nanoFramework.M2Mqtt", "5.1.220")]
        public ushort Subscribe(string[] topics, Messages.MqttQoSLevel[] qosLevels) => 0;

        [Mirrors("nanoFramework.M2Mqtt", "5.1.220")]
        public ushort Publish(string topic, byte[] message) => 0;

        [Mirrors("nanoFramework.M2Mqtt", "5.1.220")]
        public ushort Publish(string topic, byte[] message, string contentType) => 0;

        [Mirrors("nanoFramework.M2Mqtt", "5.1.220")]
        public ushort Publish(string topic, byte[] message, string contentType, ArrayList userProperties) => 0;

        [Mirrors("nanoFramework.M2Mqtt", "5.1.220")]
        public ushort Publish(string topic, byte[] message, string contentType, ArrayList userProperties, Messages.MqttQoSLevel qosLevel, bool retain) => 0;
    }
}

namespace nanoFramework.M2Mqtt.Messages
{
    [Mirrors("nanoFramework.M2Mqtt", "5.1.220")]
    public enum MqttQoSLevel
    {
        [Mirrors("nanoFramework.M2Mqtt", "5.1.220")] AtMostOnce = 0x00,
        [Mirrors("nanoFramework.M2Mqtt", "5.1.220")] AtLeastOnce = 0x01,
        [Mirrors("nanoFramework.M2Mqtt", "5.1.220")] ExactlyOnce = 0x02,
        [Mirrors("nanoFramework.M2Mqtt", "5.1.220")] GrantedFailure = 0x80,
    }

    // The members the adapter names. Values are for compiling only (the adapter compares names, never numbers).
    [Mirrors("nanoFramework.M2Mqtt", "5.1.220")]
    public enum MqttReasonCode
    {
        [Mirrors("nanoFramework.M2Mqtt", "5.1.220")] Success = 0x00,
        [Mirrors("nanoFramework.M2Mqtt", "5.1.220")] ConnectionRefusedUnacceptableProtocolVersion = 0x01,
        [Mirrors("nanoFramework.M2Mqtt", "5.1.220")] ConnectionRefusedBadUserNameOrPassword = 0x04,
        [Mirrors("nanoFramework.M2Mqtt", "5.1.220")] ConnectionRefusedNotAuthorized = 0x05,
        [Mirrors("nanoFramework.M2Mqtt", "5.1.220")] UnspecifiedError = 0x80,
        [Mirrors("nanoFramework.M2Mqtt", "5.1.220")] UnsupportedProtocolVersion = 0x84,
        [Mirrors("nanoFramework.M2Mqtt", "5.1.220")] BadUserNameOrPassword = 0x86,
        [Mirrors("nanoFramework.M2Mqtt", "5.1.220")] NotAuthorized = 0x87,
    }

    [Mirrors("nanoFramework.M2Mqtt", "5.1.220")]
    public class MqttMsgPublishEventArgs : EventArgs
    {
        [Mirrors("nanoFramework.M2Mqtt", "5.1.220")]
        public MqttMsgPublishEventArgs(string topic, byte[] message, bool dupFlag, MqttQoSLevel qosLevel, bool retain)
        {
            Topic = topic;
            Message = message;
            DupFlag = dupFlag;
            QosLevel = qosLevel;
            Retain = retain;
        }

        [Mirrors("nanoFramework.M2Mqtt", "5.1.220")]
        public string Topic { get; }

        [Mirrors("nanoFramework.M2Mqtt", "5.1.220")]
        public byte[] Message { get; }

        [Mirrors("nanoFramework.M2Mqtt", "5.1.220")]
        public bool DupFlag { get; }

        [Mirrors("nanoFramework.M2Mqtt", "5.1.220")]
        public MqttQoSLevel QosLevel { get; }

        [Mirrors("nanoFramework.M2Mqtt", "5.1.220")]
        public bool Retain { get; }
    }
}
