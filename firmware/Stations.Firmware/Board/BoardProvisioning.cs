using System.Text;
using Stations.Core.Link;
using Stations.Firmware.Link;

namespace Stations.Firmware.Board
{
    /// <summary>
    /// The per-board secrets and addresses a technician uploads once (docs/flashing.md): `I:\provision.txt`, one
    /// `key=value` per line — wifi.ssid, wifi.password, station.id, mqtt.password, mqtt.host, mqtt.port, mqtt.tls
    /// (true/false), mqtt.v5 (true/false), mqtt.ca (name of a PEM file on I:, required with TLS).
    /// </summary>
    public sealed class BoardProvisioning
    {
        /// <summary>File name on the internal drive.</summary>
        public const string FileName = "provision.txt";

        private const int MaxFileBytes = 4096;
        private static readonly char[] LineBreak = new char[] { '\n' };
        private const int MaxCertificateBytes = 8192;

        /// <summary>Wi-Fi network name.</summary>
        public string WifiSsid;

        /// <summary>Wi-Fi password.</summary>
        public string WifiPassword;

        /// <summary>Station id (= MQTT client id and user name).</summary>
        public string StationId;

        /// <summary>MQTT password of this station.</summary>
        public string MqttPassword;

        /// <summary>Broker settings.</summary>
        public MqttLinkSettings Mqtt = new MqttLinkSettings();

        /// <summary>What is missing or wrong (names the key and the fix), or null when the board can go online.</summary>
        public string Problem;

        /// <summary>Reads and checks the provisioning file; never throws (a problem is reported in <see cref="Problem"/>).</summary>
        public static BoardProvisioning Load(IFlashStore store)
        {
            BoardProvisioning result = new BoardProvisioning();
            string text = ReadText(store, FileName, MaxFileBytes);
            if (text == null)
            {
                result.Problem = "I:\\" + FileName + " is missing or larger than 4 KB; upload it as docs/flashing.md step 4 shows";
                return result;
            }

            string[] lines = text.Split(LineBreak);
            for (int i = 0; i < lines.Length; i++)
            {
                result.Apply(lines[i].Trim());
            }

            result.Check(store);
            return result;
        }

        private void Apply(string line)
        {
            int equals = line.IndexOf('=');
            if (line.Length == 0 || line[0] == '#' || equals <= 0)
            {
                return;
            }

            string key = line.Substring(0, equals).Trim();
            string value = line.Substring(equals + 1).Trim();
            if (key == "wifi.ssid")
            {
                WifiSsid = value;
            }
            else if (key == "wifi.password")
            {
                WifiPassword = value;
            }
            else if (key == "station.id")
            {
                StationId = value;
            }
            else if (key == "mqtt.password")
            {
                MqttPassword = value;
            }
            else if (key == "mqtt.host")
            {
                Mqtt.BrokerHost = value;
            }
            else if (key == "mqtt.port")
            {
                int port;
                Mqtt.BrokerPort = int.TryParse(value, out port) ? port : -1;
            }
            else if (key == "mqtt.tls")
            {
                Mqtt.UseTls = value == "true";
            }
            else if (key == "mqtt.v5")
            {
                Mqtt.UseMqtt5 = value == "true";
            }
            else if (key == "mqtt.ca")
            {
                Mqtt.CaCertificatePem = value;
            }
        }

        private void Check(IFlashStore store)
        {
            if (IsEmpty(WifiSsid))
            {
                Problem = "wifi.ssid is missing in " + FileName;
            }
            else if (IsEmpty(StationId))
            {
                Problem = "station.id is missing in " + FileName + " (the id the gateway registered, e.g. gz-gy-0001)";
            }
            else if (IsEmpty(Mqtt.BrokerHost))
            {
                Problem = "mqtt.host is missing in " + FileName;
            }
            else if (Mqtt.BrokerPort <= 0 || Mqtt.BrokerPort > 65535)
            {
                Problem = "mqtt.port must be a number 1-65535 (1883 plain, 8883 TLS)";
            }
            else if (Mqtt.UseTls)
            {
                // mqtt.ca names the PEM file; replace the name with its contents.
                string pem = IsEmpty(Mqtt.CaCertificatePem) ? null : ReadText(store, Mqtt.CaCertificatePem, MaxCertificateBytes);
                Mqtt.CaCertificatePem = pem;
                if (pem == null)
                {
                    Problem = "mqtt.tls is true but mqtt.ca does not name a PEM file on I: (upload the broker's CA certificate)";
                }
            }
        }

        private static bool IsEmpty(string value)
        {
            return value == null || value.Length == 0;
        }

        private static string ReadText(IFlashStore store, string name, int maxBytes)
        {
            int length = store.GetLength(name);
            if (length < 0 || length > maxBytes)
            {
                return null;
            }

            byte[] bytes = new byte[length];
            int read = store.Read(name, 0, bytes, 0, length);
            return Encoding.UTF8.GetString(bytes, 0, read);
        }
    }
}
