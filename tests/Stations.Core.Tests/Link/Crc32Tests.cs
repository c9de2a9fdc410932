using System.Text;
using Stations.Core.Protocol;

namespace Stations.Core.Tests.Link;

[TestClass]
public sealed class Crc32Tests
{
    [TestMethod]
    public void CheckValueMatchesCrc32Ieee() =>
        Assert.AreEqual(0xCBF43926u, Crc32.Compute(Encoding.ASCII.GetBytes("123456789")));

    [TestMethod]
    public void EmptyInputIsZero() => Assert.AreEqual(0u, Crc32.Compute([]));

    [TestMethod]
    public void HelloHasTheKnownCrc() =>
        Assert.AreEqual("3610a686", Crc32.ToHex(Crc32.Compute(Encoding.ASCII.GetBytes("hello"))));

    [TestMethod]
    public void UpdateInPiecesEqualsOneShot()
    {
        byte[] data = Encoding.ASCII.GetBytes("the quick brown fox jumps over the lazy dog");
        uint running = Crc32.Update(Crc32.Seed, data, 0, 10);
        running = Crc32.Update(running, data, 10, data.Length - 10);
        Assert.AreEqual(Crc32.Compute(data), Crc32.Finish(running));
    }

    [TestMethod]
    public void ToHexPadsWithZeros() => Assert.AreEqual("0000abcd", Crc32.ToHex(0xABCD));
}
