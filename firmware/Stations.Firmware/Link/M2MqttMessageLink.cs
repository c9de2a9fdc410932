using System;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;
using Stations.Core.Link;

namespace Stations.Firmware.Link
{
    /// <summary>
    /// <see cref="IMessageLink"/> over nanoFramework.M2Mqtt: plain TCP or TLS with a CA certificate, MQTT 3.1.1 or 5.
    /// A new MqttClient is made for every connect (a closed M2Mqtt client is not reused). Received messages go into a
    /// bounded queue filled by M2Mqtt's receive thread and emptied by Core's loop.
    /// </summary>
    public sealed class M2MqttMessageLink : IMessageLink
    {
        /// <summary>Messages kept before new ones are dropped (commands and acks are small and rare).</summary>
        public const int ReceiveQueueCapacity = 16;

        private readonly MqttLinkSettings _settings;
        private readonly object _sync = new object();
        private readonly ReceivedMessage[] _queue = new ReceivedMessage[ReceiveQueueCapacity];
        private int _queueHead;
        private int _queueCount;
        private MqttClient _client;
        private bool _connected;

        /// <summary>Creates the link; nothing is opened until <see cref="Connect"/>.</summary>
        public M2MqttMessageLink(MqttLinkSettings settings)
        {
            _settings = settings;
        }

        /// <summary>Messages dropped because the queue was full (for diagnostics).</summary>
        public int DroppedReceived { get; private set; }

        /// <summary>Why the last connect failed (reason code or exception message), or null.</summary>
        public string LastError { get; private set; }

        /// <inheritdoc />
        public bool IsConnected
        {
            get
            {
                MqttClient client = _client;
                return _connected && client != null && client.IsConnected;
            }
        }

        /// <inheritdoc />
        public bool Connect(string clientId, string username, string password, string willTopic, byte[] willPayload, bool cleanSession)
        {
            CloseClient();
            try
            {
                MqttClient client = CreateClient();
                client.ProtocolVersion = _settings.UseMqtt5 ? MqttProtocolVersion.Version_5 : MqttProtocolVersion.Version_3_1_1;
                client.MqttMsgPublishReceived += OnPublishReceived;
                client.ConnectionClosed += OnConnectionClosed;

                // M2Mqtt takes the will as a string: the protocol's will is compact UTF-8 JSON, so the round trip is exact.
                string will = Encoding.UTF8.GetString(willPayload, 0, willPayload.Length);
                MqttReasonCode code = client.Connect(
                    clientId,
                    username,
                    password,
                    true,
                    MqttQoSLevel.AtLeastOnce,
                    true,
                    willTopic,
                    will,
                    cleanSession,
                    (ushort)_settings.KeepAliveSeconds);

                if (code != MqttReasonCode.Success)
                {
                    LastError = "broker refused the connection: " + ReasonText(code);
                    client.Close();
                    return false;
                }

                _client = client;
                _connected = true;
                LastError = null;
                return true;
            }
            catch (Exception ex)
            {
                LastError = "connect to " + _settings.BrokerHost + ":" + _settings.BrokerPort.ToString() + " failed: " + ex.Message;
                CloseClient();
                return false;
            }
        }

        /// <inheritdoc />
        public bool Publish(string topic, byte[] payload, int offset, int count, int qos, bool retain)
        {
            MqttClient client = _client;
            if (!IsConnected || client == null)
            {
                return false;
            }

            byte[] copy = new byte[count];
            Array.Copy(payload, offset, copy, 0, count);
            try
            {
                // The 6-argument overload is the only Publish that takes QoS and retain (no (topic, bytes, qos, retain) form).
                client.Publish(topic, copy, null, null, ToQos(qos), retain);
                return true;
            }
            catch (Exception ex)
            {
                LastError = "publish failed: " + ex.Message;
                return false;
            }
        }

        /// <inheritdoc />
        public bool Subscribe(string topic, int qos)
        {
            MqttClient client = _client;
            if (!IsConnected || client == null)
            {
                return false;
            }

            try
            {
                client.Subscribe(new string[] { topic }, new MqttQoSLevel[] { ToQos(qos) });
                return true;
            }
            catch (Exception ex)
            {
                LastError = "subscribe failed: " + ex.Message;
                return false;
            }
        }

        /// <inheritdoc />
        public ReceivedMessage TakeReceived()
        {
            Monitor.Enter(_sync);
            try
            {
                if (_queueCount == 0)
                {
                    return null;
                }

                ReceivedMessage message = _queue[_queueHead];
                _queue[_queueHead] = null;
                _queueHead = (_queueHead + 1) % ReceiveQueueCapacity;
                _queueCount--;
                return message;
            }
            finally
            {
                Monitor.Exit(_sync);
            }
        }

        /// <inheritdoc />
        public void Disconnect()
        {
            MqttClient client = _client;
            _connected = false;
            if (client == null)
            {
                return;
            }

            try
            {
                if (client.IsConnected)
                {
                    client.Disconnect();
                }
            }
            catch (Exception ex)
            {
                LastError = "disconnect: " + ex.Message;
            }

            CloseClient();
        }

        private MqttClient CreateClient()
        {
            if (!_settings.UseTls)
            {
                return new MqttClient(_settings.BrokerHost, _settings.BrokerPort, false, null, null, MqttSslProtocols.None);
            }

            if (_settings.CaCertificatePem == null || _settings.CaCertificatePem.Length == 0)
            {
                throw new ArgumentException("TLS is on but no CA certificate is provisioned: add the broker's CA (PEM) to the station provisioning");
            }

            // nanoFramework's X509Certificate(string) parses PEM text (on desktop .NET the same constructor takes a file name).
            X509Certificate caCertificate = new X509Certificate(_settings.CaCertificatePem);
            return new MqttClient(_settings.BrokerHost, _settings.BrokerPort, true, caCertificate, null, MqttSslProtocols.TLSv1_2);
        }

        private void OnPublishReceived(object sender, MqttMsgPublishEventArgs e)
        {
            byte[] payload = e.Message;
            if (payload == null)
            {
                payload = new byte[0];
            }

            ReceivedMessage message = new ReceivedMessage(e.Topic, payload, e.Retain);
            Monitor.Enter(_sync);
            try
            {
                if (_queueCount == ReceiveQueueCapacity)
                {
                    // Bounded: a flood must not exhaust the ~100 KB heap; commands are re-sent by the gateway, acks repeat.
                    DroppedReceived++;
                    return;
                }

                _queue[(_queueHead + _queueCount) % ReceiveQueueCapacity] = message;
                _queueCount++;
            }
            finally
            {
                Monitor.Exit(_sync);
            }
        }

        private void OnConnectionClosed(object sender, EventArgs e)
        {
            _connected = false;
        }

        private void CloseClient()
        {
            MqttClient client = _client;
            _client = null;
            _connected = false;
            if (client == null)
            {
                return;
            }

            client.MqttMsgPublishReceived -= OnPublishReceived;
            client.ConnectionClosed -= OnConnectionClosed;
            try
            {
                client.Close();
            }
            catch (Exception ex)
            {
                LastError = "close: " + ex.Message;
            }
        }

        private static MqttQoSLevel ToQos(int qos)
        {
            if (qos <= 0)
            {
                return MqttQoSLevel.AtMostOnce;
            }

            return qos == 1 ? MqttQoSLevel.AtLeastOnce : MqttQoSLevel.ExactlyOnce;
        }

        private static string ReasonText(MqttReasonCode code)
        {
            if (code == MqttReasonCode.BadUserNameOrPassword || code == MqttReasonCode.ConnectionRefusedBadUserNameOrPassword)
            {
                return "bad user name or password (check the station's credentials on the gateway)";
            }

            if (code == MqttReasonCode.NotAuthorized || code == MqttReasonCode.ConnectionRefusedNotAuthorized)
            {
                return "not authorized (is the station registered on the gateway?)";
            }

            if (code == MqttReasonCode.UnsupportedProtocolVersion || code == MqttReasonCode.ConnectionRefusedUnacceptableProtocolVersion)
            {
                return "protocol version not supported (switch between MQTT 3.1.1 and 5 in the provisioning)";
            }

            return "reason code " + ((int)code).ToString();
        }
    }
}
