using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Stations.Web.Tests.Support;

/// <summary>
/// A station speaking docs/protocol.md over MQTTnet: birth status, a telemetry snapshot with devices, events, and
/// command results (every command is answered `done`, as a healthy station would).
/// </summary>
public sealed class FakeStation : IAsyncDisposable
{
    const string Boot = "0badcafe";
    readonly IMqttClient client;
    readonly TaskCompletionSource<string> firstCommand = new(TaskCreationOptions.RunContinuationsAsynchronously);
    long seq;

    FakeStation(string stationId, IMqttClient client)
    {
        StationId = stationId;
        this.client = client;
    }

    /// <summary>Station id.</summary>
    public string StationId { get; }

    /// <summary>The name of the first command received (completes when it arrives).</summary>
    public Task<string> FirstCommand => firstCommand.Task;

    /// <summary>Connects, subscribes to `cmd` and `ack`, publishes the birth status and a telemetry snapshot.</summary>
    public static async Task<FakeStation> StartAsync(string stationId, string password, int port)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var station = new FakeStation(stationId, client);
        client.ApplicationMessageReceivedAsync += station.OnMessageAsync;
        await client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId(stationId)
            .WithCredentials(stationId, password)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(true)
            .WithWillTopic($"ss/v1/{stationId}/status")
            .WithWillPayload($$"""{"v":1,"boot":"{{Boot}}","state":"offline"}""")
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithWillRetain(true)
            .WithTimeout(TimeSpan.FromSeconds(10))
            .Build());
        await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter($"ss/v1/{stationId}/cmd", MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTopicFilter($"ss/v1/{stationId}/ack", MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await station.PublishAsync("status", $$"""{"v":1,"boot":"{{Boot}}","up":5000,"ts":{{now}},"state":"online","fw":"1.0.0","cfg":"5d41402a","safe":false,"tel":60}""", retain: true);
        await station.SendAsync("telemetry", """
            {"open":true,"cnt":{"vis":3,"l":1.5,"ses":1,"wh":120.5},
             "clim":[{"id":"probe1","t":24.5,"rh":55.2}],
             "door":[{"id":"door1","open":true}],
             "disp":[{"id":"water1","valve":false,"st":"ok"}],
             "out":[{"id":"ebike1","st":"idle","w":0},{"id":"phone1","st":"idle","w":0}]}
            """);
        return station;
    }

    /// <summary>Raises an alarm (an `alarm.raise` event).</summary>
    public Task RaiseAlarmAsync(string code, string dev, string severity = "warn") =>
        SendAsync("event", $$"""{"type":"alarm.raise","code":"{{code}}","dev":"{{dev}}","sev":"{{severity}}"}""");

    /// <summary>Adds the envelope (v, boot, seq, up, ts) and publishes on `ss/v1/{id}/{suffix}`.</summary>
    public async Task SendAsync(string suffix, string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        var envelope = new JsonObject
        {
            ["v"] = 1,
            ["boot"] = Boot,
            ["seq"] = Interlocked.Increment(ref seq),
            ["up"] = 10_000 + (seq * 1000),
            ["ts"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
        };
        foreach (var (key, value) in node.ToList())
        {
            node.Remove(key);
            envelope[key] = value;
        }

        await PublishAsync(suffix, envelope.ToJsonString());
    }

    Task<MqttClientPublishResult> PublishAsync(string suffix, string json, bool retain = false) =>
        client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic($"ss/v1/{StationId}/{suffix}")
            .WithPayload(Encoding.UTF8.GetBytes(json))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain)
            .Build());

    async Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        if (!e.ApplicationMessage.Topic.EndsWith("/cmd", StringComparison.Ordinal))
        {
            return;
        }

        var command = JsonNode.Parse(Encoding.UTF8.GetString(e.ApplicationMessage.Payload.ToArray()))!.AsObject();
        var id = command["id"]!.GetValue<string>();
        var name = command["name"]!.GetValue<string>();
        firstCommand.TrySetResult(name);
        // Answer off the receive callback: MQTTnet delivers messages one at a time on this path.
        _ = Task.Run(() => SendAsync("cmd/result", new JsonObject { ["id"] = id, ["ok"] = true, ["code"] = "done", ["detail"] = name + " ok" }.ToJsonString()));
        await Task.CompletedTask;
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
