using System.Text.Json;
using Stations.Core.Link;

namespace Stations.Core.Tests.Link;

[TestClass]
public sealed class CommandProcessorTests
{
    private const string CmdTopic = "ss/v1/gz-gy-0001/cmd";

    private static LinkRig Online()
    {
        var rig = new LinkRig();
        rig.Run(200);
        Assert.IsTrue(rig.Runtime.IsOnline);
        return rig;
    }

    private static string Cmd(string id, string name, string args = "{\"dev\":\"ebike1\"}", long exp = 1_763_903_600_000) =>
        "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"args\":" + args + ",\"exp\":" + exp + "}";

    private static JsonElement Send(LinkRig rig, string payload, bool retain = false)
    {
        int before = rig.Results().Count;
        rig.Link.Deliver(CmdTopic, payload, retain);
        rig.Run(200);
        var results = rig.Results();
        Assert.AreEqual(before + 1, results.Count, "exactly one result");
        return results[^1];
    }

    [TestMethod]
    public void CommandRunsOnceAndARepeatGetsTheStoredResultAgain()
    {
        var rig = Online();
        var first = Send(rig, Cmd("c-1", "outlet.disable"));
        Assert.AreEqual("c-1", first.GetProperty("id").GetString());
        Assert.IsTrue(first.GetProperty("ok").GetBoolean());
        Assert.AreEqual("done", first.GetProperty("code").GetString());
        Assert.AreEqual("outlet.disable ebike1", first.GetProperty("detail").GetString());
        Assert.AreEqual(rig.Runtime.BootId, first.GetProperty("boot").GetString());

        var again = Send(rig, Cmd("c-1", "outlet.disable"));
        Assert.AreEqual("done", again.GetProperty("code").GetString());
        Assert.AreEqual("outlet.disable ebike1", again.GetProperty("detail").GetString());
        Assert.AreNotEqual(first.GetProperty("seq").GetInt32(), again.GetProperty("seq").GetInt32(), "a re-publish is a new message");
        Assert.AreEqual(1, rig.Station.Executed.Count, "not executed twice");
    }

    [TestMethod]
    public void RememberedIdsSurviveAReboot()
    {
        var rig = Online();
        Send(rig, Cmd("c-2", "outlet.stop"));
        rig.Boot("power");
        rig.Run(200);
        var again = Send(rig, Cmd("c-2", "outlet.stop"));
        Assert.AreEqual("done", again.GetProperty("code").GetString());
        Assert.AreEqual(1, rig.Station.Executed.Count);
    }

    [TestMethod]
    public void OnlyTheLast32IdsAreRemembered()
    {
        var rig = Online();
        for (int i = 0; i < 33; i++) Send(rig, Cmd("c-" + i, "outlet.stop"));
        Send(rig, Cmd("c-32", "outlet.stop"));
        Assert.AreEqual(33, rig.Station.Executed.Count, "c-32 is remembered");
        Send(rig, Cmd("c-0", "outlet.stop"));
        Assert.AreEqual(34, rig.Station.Executed.Count, "c-0 fell out of the window");
    }

    [TestMethod]
    public void RetainedCommandIsIgnoredWithoutAResult()
    {
        var rig = Online();
        rig.Link.Deliver(CmdTopic, Cmd("c-3", "outlet.disable"), retain: true);
        rig.Run(500);
        Assert.AreEqual(0, rig.Results().Count);
        Assert.AreEqual(0, rig.Station.Executed.Count);
    }

    [TestMethod]
    public void ExpiredCommandIsNotExecuted()
    {
        var rig = Online();
        rig.Clock.IsSynced = true;
        var result = Send(rig, Cmd("c-4", "outlet.disable", exp: rig.Clock.UtcNowMs - 1));
        Assert.AreEqual("expired", result.GetProperty("code").GetString());
        Assert.IsFalse(result.GetProperty("ok").GetBoolean());
        Assert.AreEqual(0, rig.Station.Executed.Count);
        var fresh = Send(rig, Cmd("c-5", "outlet.start", exp: rig.Clock.UtcNowMs + 60_000));
        Assert.AreEqual("done", fresh.GetProperty("code").GetString());
    }

    [TestMethod]
    [DataRow("outlet.start")]
    [DataRow("outlet.enable")]
    [DataRow("dispense.test")]
    public void SwitchOnCommandsNeedASyncedClock(string name)
    {
        var rig = Online();
        var result = Send(rig, Cmd("c-6", name));
        Assert.AreEqual("no-time", result.GetProperty("code").GetString());
        Assert.AreEqual(0, rig.Station.Executed.Count);
        Send(rig, Cmd("c-7", "outlet.disable"));
        Assert.AreEqual(1, rig.Station.Executed.Count, "switch-off commands run unsynced");
    }

    [TestMethod]
    public void VersionIsAnsweredByTheLink()
    {
        var rig = Online();
        var result = Send(rig, Cmd("c-8", "version", "{}"));
        var data = result.GetProperty("data");
        Assert.AreEqual("1.0.0", data.GetProperty("fw").GetString());
        Assert.AreEqual("5d41402a", data.GetProperty("cfg").GetString());
        Assert.AreEqual(rig.Runtime.BootId, data.GetProperty("boot").GetString());
        Assert.AreEqual(0, rig.Station.Executed.Count);
    }

    [TestMethod]
    public void SelfTestItemsBecomeData()
    {
        var rig = Online();
        var result = Send(rig, "{\"id\":\"c-9\",\"name\":\"selftest\",\"exp\":1763903600000}");
        var item = result.GetProperty("data").GetProperty("items")[0];
        Assert.AreEqual("ebike1", item.GetProperty("dev").GetString());
        Assert.IsTrue(item.GetProperty("ok").GetBoolean());
    }

    [TestMethod]
    public void ArgumentsReachTheStationDecoded()
    {
        var rig = Online();
        rig.Clock.IsSynced = true;
        Send(rig, Cmd("c-10", "config.set", "{\"config\":{\"tel\":30,\"doors\":[{\"id\":\"door1\"}]},\"extra\":[1,2]}"));
        Assert.AreEqual("{\"tel\":30,\"doors\":[{\"id\":\"door1\"}]}", rig.Station.LastConfig);
        Send(rig, Cmd("c-10b", "dispense.test", "{\"dev\":\"water1\",\"ms\":1500}"));
        Assert.AreEqual(("dispense.test", "water1"), rig.Station.Executed[^1]);
        Assert.AreEqual(1500, rig.Station.LastMilliseconds);
        Send(rig, Cmd("c-10c", "outlet.start", "{\"dev\":\"ebike1\",\"maxMin\":90}"));
        Assert.AreEqual(90, rig.Station.LastMaxMinutes);
        Assert.AreEqual(-1, rig.Station.LastMilliseconds, "args are cleared between commands");
    }

    [TestMethod]
    public void BadInputGetsAClearResult()
    {
        var rig = Online();
        Assert.AreEqual("unknown-command", Send(rig, Cmd("c-11", "make.coffee")).GetProperty("code").GetString());
        var badArgs = Send(rig, Cmd("c-12", "outlet.stop", "[]"));
        Assert.AreEqual("bad-args", badArgs.GetProperty("code").GetString());
        StringAssert.Contains(badArgs.GetProperty("detail").GetString(), "args");
        var noExp = Send(rig, "{\"id\":\"c-13\",\"name\":\"outlet.stop\"}");
        Assert.AreEqual("bad-args", noExp.GetProperty("code").GetString());
        StringAssert.Contains(noExp.GetProperty("detail").GetString(), "exp");
        Assert.AreEqual(0, rig.Station.Executed.Count);

        rig.Link.Deliver(CmdTopic, "{\"name\":\"outlet.stop\",\"exp\":1}");
        rig.Link.Deliver(CmdTopic, "not json at all");
        rig.Run(300);
        Assert.AreEqual(3, rig.Results().Count, "without a valid id there is no one to answer");
    }

    [TestMethod]
    public void RebootSendsItsResultFirstThenReboots()
    {
        var rig = Online();
        rig.Link.Deliver(CmdTopic, Cmd("c-14", "reboot", "{}"));
        rig.Run(100);
        rig.RunUntil(() => rig.Rebooter.Reboots > 0, 20_000);
        var result = rig.Results().Single();
        Assert.AreEqual("done", result.GetProperty("code").GetString());
        Assert.IsTrue(rig.Gateway.Stored.ContainsKey((rig.Runtime.BootId, result.GetProperty("seq").GetInt32())), "the gateway had the result before the reboot");
        var last = rig.Link.Published[^1];
        Assert.IsTrue(last.Topic.EndsWith("/status", StringComparison.Ordinal) && last.Retain && last.Payload.Contains("offline", StringComparison.Ordinal), "clean shutdown publishes offline");
        Assert.IsFalse(rig.Link.IsConnected);
        rig.Run(20_000);
        Assert.AreEqual(1, rig.Rebooter.Reboots);
    }

    [TestMethod]
    public void RebootWaitsAtMostTenSecondsForTheAck()
    {
        var rig = Online();
        rig.Gateway.Acking = false;
        rig.Link.Deliver(CmdTopic, Cmd("c-15", "reboot", "{}"));
        rig.Run(9_000);
        Assert.AreEqual(0, rig.Rebooter.Reboots);
        rig.Run(2_000);
        Assert.AreEqual(1, rig.Rebooter.Reboots);
        Assert.AreEqual(1, OutboxTestsAccess.Unacked(rig).Count(r => r.Kind == OutboxRecordKind.CommandResult), "the result stays in the outbox for the next boot");
    }

    [TestMethod]
    public void CommandInterruptedByARestartIsNotRunAgain()
    {
        var store = new FakeFlashStore();
        var memory = new CommandMemory(store);
        memory.Load();
        memory.MarkStarted("c-16");
        var rig = new LinkRig(store);
        rig.Run(200);
        var result = Send(rig, Cmd("c-16", "outlet.stop"));
        Assert.AreEqual("failed", result.GetProperty("code").GetString());
        StringAssert.Contains(result.GetProperty("detail").GetString(), "not repeated");
        Assert.AreEqual(0, rig.Station.Executed.Count);
    }
}

internal static class OutboxTestsAccess
{
    public static List<OutboxRecord> Unacked(LinkRig rig)
    {
        var list = new List<OutboxRecord>();
        var cursor = new OutboxCursor();
        rig.Runtime.Outbox.MoveToStart(cursor);
        while (true)
        {
            var record = new OutboxRecord();
            if (!rig.Runtime.Outbox.ReadAt(cursor, record)) return list;
            list.Add(record);
            rig.Runtime.Outbox.Advance(cursor, record);
        }
    }
}
