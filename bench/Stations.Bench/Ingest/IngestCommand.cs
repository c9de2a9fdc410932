using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;
using Spectre.Console;
using Stations.Gateway.Storage;
using Stations.Gateway.Testing;
using Stations.Testing;

namespace Stations.Bench.Ingest;

/// <summary>
/// `ingest [--stations N] [--seconds S] [--storage sqlite|postgres] [--window W] [--hold-puback true|false]` (P1): durable ingest rate of the
/// in-process gateway against the raw rate of a bare MQTTnet broker, both driven by the same stations in the same run.
/// Loopback only; each half runs for S/2 seconds (the first second is warm-up and not counted).
/// </summary>
public static class IngestCommand
{
    const string StationPassword = "bench-password";
    static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(1);

    /// <summary>Runs both halves and prints the table; exit code 0.</summary>
    public static async Task<int> RunAsync(BenchArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var stations = (int)arguments.Number("--stations", 50, 1, 2000);
        var seconds = (int)arguments.Number("--seconds", 20, 4, 3600);
        var window = (int)arguments.Number("--window", 8, 1, 1000);
        var storage = arguments.Choice("--storage", "sqlite", "sqlite", "postgres");
        var holdPubAck = arguments.Choice("--hold-puback", "true", "true", "false") == "true";
        var half = TimeSpan.FromSeconds(seconds / 2.0);
        var ids = Enumerable.Range(1, stations).Select(i => "bench-" + i.ToString("0000", CultureInfo.InvariantCulture)).ToArray();
        var payloads = new TelemetryPayloads();

        AnsiConsole.MarkupLine($"P1 ingest: {stations} stations, window {window}, {half.TotalSeconds:F0} s per half, storage {storage}, PUBACK held until durable: {holdPubAck}");
        var raw = await RawBrokerAsync(ids, window, half, payloads);
        AnsiConsole.MarkupLine($"raw broker: {raw.RatePerSecond:N0} msg/s");
        var gateway = await GatewayAsync(ids, window, half, storage, holdPubAck, payloads);
        AnsiConsole.MarkupLine($"gateway: {gateway.RatePerSecond:N0} msg/s");

        var table = new Table()
            .AddColumn("run").AddColumn(new TableColumn("msg/s").RightAligned()).AddColumn(new TableColumn("× raw").RightAligned())
            .AddColumn(new TableColumn("p50 ms").RightAligned()).AddColumn(new TableColumn("p99 ms").RightAligned())
            .AddColumn(new TableColumn("completed").RightAligned()).AddColumn(new TableColumn("memory MB").RightAligned());
        foreach (var result in new[] { raw, gateway })
        {
            table.AddRow(
                Markup.Escape(result.Name),
                result.RatePerSecond.ToString("N0", CultureInfo.InvariantCulture),
                (result.RatePerSecond / raw.RatePerSecond).ToString("F2", CultureInfo.InvariantCulture),
                result.P50Ms.ToString("F1", CultureInfo.InvariantCulture),
                result.P99Ms.ToString("F1", CultureInfo.InvariantCulture),
                result.Completed.ToString("N0", CultureInfo.InvariantCulture),
                (result.WorkingSetBytes / 1024.0 / 1024.0).ToString("F0", CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine(Markup.Escape(
            $"machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.ProcessArchitecture}"));
        if (gateway.StoredRows is long rows)
        {
            AnsiConsole.MarkupLine($"stored telemetry rows after the gateway half: {rows:N0} (sent {gateway.Sent:N0})");
        }

        AnsiConsole.MarkupLine("targets (issue 12): gateway ≥ 0.8 × raw and ≥ 20,000 msg/s on 2 cores with SQLite");
        return 0;
    }

    static async Task<IngestResult> RawBrokerAsync(string[] ids, int window, TimeSpan duration, TelemetryPayloads payloads)
    {
        var port = FreeTcpPort.Next();
        var options = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
            .WithDefaultEndpointPort(port)
            .Build();
        using var server = new MqttServerFactory().CreateMqttServer(options);
        await server.StartAsync();
        using var subscriber = new MqttClientFactory().CreateMqttClient();
        await subscriber.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("raw-subscriber").Build());
        await subscriber.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter("ss/v1/+/telemetry", MqttQualityOfServiceLevel.AtLeastOnce).Build());
        try
        {
            return await DriveAsync("raw MQTTnet broker (1 idle subscriber)", port, ids, waitForGatewayAck: false, window, duration, payloads, null);
        }
        finally
        {
            await subscriber.DisconnectAsync();
            await server.StopAsync();
        }
    }

    static async Task<IngestResult> GatewayAsync(string[] ids, int window, TimeSpan duration, string storage, bool holdPubAck, TelemetryPayloads payloads)
    {
        var starter = new GatewayStarter()
            .InEnvironment("Production")
            .With("Gateway:Ingestion:HoldPubAckUntilDurable", holdPubAck ? "true" : "false");
        if (storage == "postgres")
        {
            starter.WithSharedPostgres("bench");
        }
        else
        {
            starter.WithSqlite("bench");
        }

        foreach (var id in ids)
        {
            starter.WithStation(id, StationPassword);
        }

        await using var gateway = await starter.StartAsync();
        var name = $"gateway, embedded broker, {storage} (durable ack)";
        return await DriveAsync(name, gateway.BrokerPort, ids, waitForGatewayAck: true, window, duration, payloads, gateway.Get<StationDatabase>());
    }

    static async Task<IngestResult> DriveAsync(string name, int port, string[] ids, bool waitForGatewayAck, int window, TimeSpan duration,
        TelemetryPayloads payloads, StationDatabase? database)
    {
        var recorder = new LatencyRecorder();
        var stations = ids.Select(id => new LoadStation(id, waitForGatewayAck, window, recorder, payloads)).ToArray();
        try
        {
            foreach (var station in stations)
            {
                await station.ConnectAsync(port, StationPassword, CancellationToken.None);
            }

            using var stop = new CancellationTokenSource(duration);
            var running = stations.Select(s => Task.Run(() => s.RunAsync(stop.Token))).ToArray();
            await Task.Delay(WarmUp);
            var opened = Stopwatch.GetTimestamp();
            recorder.Open(opened);
            await Task.Delay(duration - WarmUp);
            var closed = Stopwatch.GetTimestamp();
            recorder.Close(closed);
            var workingSet = Environment.WorkingSet;
            await Task.WhenAll(running);
            var measuredSeconds = (closed - opened) / (double)Stopwatch.Frequency;
            long? rows = database == null ? null : await CountStoredAsync(database);
            return new IngestResult(name, recorder.Completed / measuredSeconds, recorder.PercentileMs(0.50), recorder.PercentileMs(0.99),
                recorder.Completed, stations.Sum(s => s.Sent), workingSet, rows);
        }
        finally
        {
            foreach (var station in stations)
            {
                await station.DisposeAsync();
            }
        }
    }

    static async Task<long> CountStoredAsync(StationDatabase database)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM messages WHERE kind = 'telemetry'";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
