using System.Text;
using Dapper;
using Stations.Gateway.Ingestion;
using Stations.Gateway.Protocol;
using Stations.Gateway.Storage;
using Stations.Gateway.Tests.Support;

namespace Stations.Gateway.Tests.Ingestion;

/// <summary>
/// The raw insert of a batch (PostgreSQL: one statement per run of messages, SQLite: one per message) decides new and
/// duplicate exactly as one message at a time: the first occurrence of a key in a batch is stored, later ones are
/// duplicates, and a message without a station time is dated from the messages before it in the batch, never after.
/// </summary>
[TestClass]
public sealed class RawInsertBatchTests
{
    const string Station = "st-0301";
    const long T0 = 1_763_903_590_000, R = 1_763_999_000_000;

    [TestMethod]
    [DataRow(StorageKind.Sqlite)]
    [DataRow(StorageKind.Postgres)]
    public async Task KeysTwiceInABatchUndatedMessagesAndAnAllDuplicateBatchAreDecidedAsOneAtATime(StorageKind kind)
    {
        await using var host = await GatewayHost.StartAsync(await GatewayHost.StorageSettingsAsync(kind, "raw-insert"));
        await host.RegisterAsync(Station);
        var store = host.Get<IngestionStore>();
        List<IncomingMessage> batch =
        [
            Event(1, upMs: 1_000, tsMs: null, R), // Nothing dated before it: dated at receive, re-dated by seq 2.
            Event(2, upMs: 5_000, tsMs: T0 + 5_000, R + 1),
            Event(1, upMs: 1_000, tsMs: null, R + 2), // Duplicate of the first.
            Event(2, upMs: 5_000, tsMs: T0 + 5_000, R + 3), // Duplicate.
            new("ss/v1/" + Station + "/status", Encoding.UTF8.GetBytes("{\"v\":1,\"boot\":\"0000000a\",\"up\":0,\"state\":\"online\",\"fw\":\"1.2.0\",\"cfg\":\"5d41402a\",\"safe\":false,\"tel\":60}"), R + 4),
            new("ss/v1/" + Station + "/event", Encoding.UTF8.GetBytes("not json"), R + 5), // A dead letter.
            Event(3, upMs: 6_000, tsMs: T0 + 56_000, R + 6), // The clock was set forward: seq 10 is dated from this one.
            Event(3, upMs: 6_000, tsMs: T0 + 56_000, R + 7), // The same key twice in a row: the first is stored.
            Event(10, upMs: 10_000, tsMs: null, R + 8), // Dated from seq 3 (the nearest before it), not seq 11 (after it).
            Event(11, upMs: 11_000, tsMs: T0 + 999_999, R + 9), // A clock jump: dating seq 10 from it would differ.
            Event(11, upMs: 11_000, tsMs: T0 + 999_999, R + 10),
        ];

        var first = await store.WriteAsync(batch.Select(Validate).ToList(), CancellationToken.None);
        Assert.AreEqual((6, 4, 1), (first.Stored, first.Duplicates, first.DeadLetters.Count), "5 messages and the status stored; 4 duplicates");
        Assert.AreEqual(3L, first.Acks.Single().Seq);

        var again = await store.WriteAsync(batch.Select(Validate).ToList(), CancellationToken.None);
        Assert.AreEqual((1, 9, 1), (again.Stored, again.Duplicates, again.DeadLetters.Count), "all duplicates (the status is applied again)");
        Assert.AreEqual(3L, again.Acks.Single().Seq);

        await using var connection = await host.Get<StationDatabase>().OpenAsync();
        var rows = (await connection.QueryAsync<(long Seq, long TsMs, long Estimated, long ReceivedAtMs)>(
            "SELECT seq, ts_ms, ts_estimated, received_at_ms FROM messages ORDER BY seq")).ToList();
        CollectionAssert.AreEqual(
            new[]
            {
                (1L, T0 + 1_000, 1L, R),
                (2L, T0 + 5_000, 0L, R + 1),
                (3L, T0 + 56_000, 0L, R + 6),
                (10L, T0 + 60_000, 1L, R + 8),
                (11L, T0 + 999_999, 0L, R + 9),
            },
            rows);
    }

    static (IncomingMessage, ValidationResult) Validate(IncomingMessage message) => (message, MessageValidator.Validate(message.Topic, message.Payload));

    static IncomingMessage Event(long seq, long upMs, long? tsMs, long receivedAtMs)
    {
        var ts = tsMs == null ? "" : ",\"ts\":" + tsMs.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var json = "{\"v\":1,\"boot\":\"0000000a\",\"seq\":" + seq + ",\"up\":" + upMs + ts + ",\"type\":\"door.open\",\"dev\":\"door1\"}";
        return new IncomingMessage("ss/v1/" + Station + "/event", Encoding.UTF8.GetBytes(json), receivedAtMs);
    }
}
