using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Stations.Web.Tests;

/// <summary>
/// A minimal station for the config tests: publishes a birth status with a given `cfg`, hands over the raw bytes of the
/// first command it receives, and answers every command `done`.
/// </summary>
public sealed class ConfigTestStation : IAsyncDisposable
{
    const string Boot = "c0ffee01";
    readonly IMqttClient client;
    readonly TaskCompletionSource<byte[]> firstCommand = new(TaskCreationOptions.RunContinuationsAsynchronously);
    long seq;

    ConfigTestStation(string stationId, IMqttClient client)
    {
        StationId = stationId;
        this.client = client;
    }

    /// <summary>Station id.</summary>
    public string StationId { get; }

    /// <summary>The payload bytes of the first command received.</summary>
    public Task<byte[]> FirstCommand => firstCommand.Task;

    /// <summary>Connects, subscribes to `cmd`, publishes a birth status reporting <paramref name="cfg"/>.</summary>
    public static async Task<ConfigTestStation> StartAsync(string stationId, string password, int port, string cfg)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var station = new ConfigTestStation(stationId, client);
        client.ApplicationMessageReceivedAsync += station.OnMessageAsync;
        await client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId(stationId)
            .WithCredentials(stationId, password)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(true)
            .WithTimeout(TimeSpan.FromSeconds(10))
            .Build());
        await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter($"ss/v1/{stationId}/cmd", MqttQualityOfServiceLevel.AtLeastOnce).Build());
        await station.PublishStatusAsync(cfg);
        return station;
    }

    /// <summary>Publishes a birth status reporting <paramref name="cfg"/> (as after applying a config).</summary>
    public Task PublishStatusAsync(string cfg)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        return PublishAsync("status", $$"""{"v":1,"boot":"{{Boot}}","up":5000,"ts":{{now}},"state":"online","fw":"1.0.0","cfg":"{{cfg}}","safe":false,"tel":60}""", retain: true);
    }

    Task<MqttClientPublishResult> PublishAsync(string suffix, string json, bool retain = false) =>
        client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic($"ss/v1/{StationId}/{suffix}")
            .WithPayload(Encoding.UTF8.GetBytes(json))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain)
            .Build());

    Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        var payload = e.ApplicationMessage.Payload.ToArray();
        firstCommand.TrySetResult(payload);
        var id = JsonNode.Parse(payload)!["id"]!.GetValue<string>();
        var n = Interlocked.Increment(ref seq);
        var result = new JsonObject
        {
            ["v"] = 1, ["boot"] = Boot, ["seq"] = n, ["up"] = 6000 + n, ["ts"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            ["id"] = id, ["ok"] = true, ["code"] = "done", ["detail"] = "config applied",
        };
        // Answer off the receive callback: MQTTnet delivers messages one at a time on this path.
        _ = Task.Run(() => PublishAsync("cmd/result", result.ToJsonString()));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (client.IsConnected)
        {
            await client.DisconnectAsync();
        }

        client.Dispose();
    }
}
