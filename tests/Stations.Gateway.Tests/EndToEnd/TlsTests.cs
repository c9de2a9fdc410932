using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;
using MQTTnet.Formatter;
using Stations.Gateway.Tests.Support;
using Stations.Testing;

namespace Stations.Gateway.Tests.EndToEnd;

[TestClass]
public sealed class TlsTests
{
    [TestMethod]
    public async Task AStationConnectsOverTlsToTheEmbeddedBroker()
    {
        var settings = await GatewayHost.StorageSettingsAsync(StorageKind.Sqlite, "tls");
        var pfx = Path.Combine(Path.GetTempPath(), "stations-tls-" + Guid.NewGuid().ToString("N")[..8] + ".pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=localhost", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "pfx-password"));
        }

        var tlsPort = FreeTcpPort.Next();
        settings["Gateway:Broker:TlsPort"] = tlsPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Gateway:Broker:TlsCertificatePath"] = pfx;
        settings["Gateway:Broker:TlsCertificatePassword"] = "pfx-password";
        await using var gateway = await GatewayHost.StartAsync(settings);
        await gateway.RegisterAsync("gz-gy-0401");

        using var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", tlsPort)
            .WithClientId("gz-gy-0401")
            .WithCredentials("gz-gy-0401", StationBench.StationPassword)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithTlsOptions(o => o.UseTls().WithCertificateValidationHandler(_ => true)) // self-signed test certificate
            .Build();
        var connected = await client.ConnectAsync(options);
        Assert.AreEqual(MqttClientConnectResultCode.Success, connected.ResultCode);
        var published = await client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic("ss/v1/gz-gy-0401/event")
            .WithPayload("""{"v":1,"boot":"9f3a1c07","seq":1,"up":1000,"type":"visit","dev":"beam1","n":1}""")
            .WithQualityOfServiceLevel(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());
        Assert.IsTrue(published.IsSuccess || published.ReasonCode == MqttClientPublishReasonCode.NoMatchingSubscribers);
        await using var connection = await gateway.Get<Storage.StationDatabase>().OpenAsync();
        Assert.AreEqual(1L, await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "SELECT COUNT(*) FROM messages"));
        File.Delete(pfx);
    }
}
