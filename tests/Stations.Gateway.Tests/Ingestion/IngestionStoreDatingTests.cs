using System.Text;
using Dapper;
using Stations.Gateway.Ingestion;
using Stations.Gateway.Protocol;
using Stations.Gateway.Storage;
using Stations.Gateway.Tests.Support;

namespace Stations.Gateway.Tests.Ingestion;

[TestClass]
public sealed class IngestionStoreDatingTests
{
    const string Station = "st-0101";

    [TestMethod]
    public async Task AnUndatedMessageIsReDatedByTheFirstDatedOneOfItsBootAndLaterBatchesSkipTheSearch()
    {
        await using var host = await GatewayHost.StartAsync(await GatewayHost.StorageSettingsAsync(StorageKind.Sqlite, "dating"));
        await host.RegisterAsync(Station);
        var store = host.Get<IngestionStore>();

        // Boot a: seq 1 has no clock yet (dated at receive), seq 2 brings the clock: seq 1 is re-dated from uptime.
        await WriteAsync(store, Event("0000000a", 1, upMs: 1_000, tsMs: null));
        await WriteAsync(store, Event("0000000a", 2, upMs: 5_000, tsMs: 1_763_903_594_000));
        // More dated messages of the same boot (the boot is now known to have nothing left to re-date).
        await WriteAsync(store, Event("0000000a", 3, upMs: 6_000, tsMs: 1_763_903_595_000), Event("0000000a", 4, upMs: 7_000, tsMs: 1_763_903_596_000));
        // Boot b starts dated, then a message without ts is dated from uptime, never at receive.
        await WriteAsync(store, Event("0000000b", 1, upMs: 2_000, tsMs: 1_763_903_700_000));
        await WriteAsync(store, Event("0000000b", 2, upMs: 3_000, tsMs: null));

        await using var connection = await host.Get<StationDatabase>().OpenAsync();
        var rows = (await connection.QueryAsync<(string Boot, long Seq, long TsMs, long Estimated)>(
            "SELECT boot, seq, ts_ms, ts_estimated FROM messages ORDER BY boot, seq")).ToList();
        CollectionAssert.AreEqual(
            new[]
            {
                ("0000000a", 1L, 1_763_903_590_000L, 1L),
                ("0000000a", 2L, 1_763_903_594_000L, 0L),
                ("0000000a", 3L, 1_763_903_595_000L, 0L),
                ("0000000a", 4L, 1_763_903_596_000L, 0L),
                ("0000000b", 1L, 1_763_903_700_000L, 0L),
                ("0000000b", 2L, 1_763_903_701_000L, 1L),
            },
            rows);
    }

    static async Task WriteAsync(IngestionStore store, params IncomingMessage[] messages)
    {
        var batch = messages.Select(m => (m, MessageValidator.Validate(m.Topic, m.Payload))).ToList();
        foreach (var (message, result) in batch)
        {
            Assert.IsTrue(result.IsValid, message.Topic + ": " + result.Reason);
        }

        await store.WriteAsync(batch, CancellationToken.None);
    }

    static IncomingMessage Event(string boot, long seq, long upMs, long? tsMs)
    {
        var ts = tsMs == null ? "" : ",\"ts\":" + tsMs.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var json = "{\"v\":1,\"boot\":\"" + boot + "\",\"seq\":" + seq + ",\"up\":" + upMs + ts + ",\"type\":\"door.open\",\"dev\":\"door1\"}";
        return new IncomingMessage("ss/v1/" + Station + "/event", Encoding.UTF8.GetBytes(json), 1_763_999_999_000);
    }
}
