using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;
using Spectre.Console;
using Stations.Bench.Fleet;
using Stations.Gateway.Storage;
using Stations.Gateway.Testing;
using Stations.Testing;

namespace Stations.Bench.Ingest;

/// <summary>
/// `ingest [--stations N] [--seconds S] [--storage sqlite|postgres] [--window W] [--hold-puback both|true|false]` (P1): durable
/// ingest rate of the in-process gateway against the raw rate of a bare MQTTnet broker, both driven by the same stations in
/// the same run. Loopback only; each part runs for S/2 seconds (the first second is warm-up and not counted): the raw
/// broker, then the gateway with its PUBACK held until the commit (the default) and/or not held.
/// </summary>
public static class IngestCommand
{
    const string StationPassword = "bench-password";

    /// <summary>A station's in-flight window (Core `LinkSettings.InFlightWindow`): unacked messages it keeps on the way.</summary>
    const int StationWindow = 16;

    const double TargetRatio = 0.8;
    const double TargetRate = 20_000;
    static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(1);

    /// <summary>Runs both halves and prints the table; exit code 0.</summary>
    public static async Task<int> RunAsync(BenchArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var stations = (int)arguments.Number("--stations", 50, 1, 2000);
        var seconds = (int)arguments.Number("--seconds", 20, 4, 3600);
        var window = (int)arguments.Number("--window", StationWindow, 1, 1000);
        var storage = arguments.Choice("--storage", "sqlite", "sqlite", "postgres");
        var hold = arguments.Choice("--hold-puback", "both", "both", "true", "false");
        var half = TimeSpan.FromSeconds(seconds / 2.0);
        var ids = Enumerable.Range(1, stations).Select(i => "bench-" + i.ToString("0000", CultureInfo.InvariantCulture)).ToArray();
        var payloads = new TelemetryPayloads();

        AnsiConsole.MarkupLine($"P1 ingest: {stations} stations, window {window}, {half.TotalSeconds:F0} s per part, storage {storage}, PUBACK held until durable: {hold}");
        var raw = await RawBrokerAsync(ids, window, half, payloads);
        AnsiConsole.MarkupLine($"raw broker: {raw.RatePerSecond:N0} msg/s");
        var gateways = new List<IngestResult>();
        foreach (var holdPubAck in hold == "both" ? new[] { true, false } : new[] { hold == "true" })
        {
            var gateway = await GatewayAsync(ids, window, half, storage, holdPubAck, payloads);
            AnsiConsole.MarkupLine($"{Markup.Escape(gateway.Name)}: {gateway.RatePerSecond:N0} msg/s");
            gateways.Add(gateway);
        }

        var table = new Table()
            .AddColumn("run").AddColumn(new TableColumn("msg/s").RightAligned()).AddColumn(new TableColumn("× raw").RightAligned())
            .AddColumn(new TableColumn("p50 ms").RightAligned()).AddColumn(new TableColumn("p99 ms").RightAligned())
            .AddColumn(new TableColumn("completed").RightAligned()).AddColumn(new TableColumn("memory MB").RightAligned());
        foreach (var result in gateways.Prepend(raw))
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
            Machine.Describe()));
        AnsiConsole.MarkupLine($"targets (issue 12): gateway ≥ {TargetRatio:F1} × raw and ≥ {TargetRate:N0} msg/s on 2 cores with SQLite");
        foreach (var gateway in gateways)
        {
            var ratio = gateway.RatePerSecond / raw.RatePerSecond;
            AnsiConsole.MarkupLine(Markup.Escape(
                $"{gateway.Name}: {ratio:F2} × raw ({(ratio >= TargetRatio ? "met" : "not met")}), {gateway.RatePerSecond:N0} msg/s ({(gateway.RatePerSecond >= TargetRate ? "met" : "not met")}); " +
                $"stored telemetry rows {gateway.StoredRows:N0} of {gateway.Sent:N0} sent"));
        }

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
        // PostgreSQL: a crash-safe cluster of its own (fsync and synchronous commit on), as SQLite runs with synchronous=FULL.
        await using var database = await BenchDatabase.StartAsync(storage, "p1").ConfigureAwait(false);
        if (database.PostgresConnectionString is { } postgres)
        {
            starter.WithPostgres(postgres);
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
        var name = $"gateway, {storage}, PUBACK {(holdPubAck ? "held until durable" : "not held")} (durable ack)";
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
