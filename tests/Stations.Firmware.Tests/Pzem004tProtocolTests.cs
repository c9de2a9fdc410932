using System.Text;
using Stations.Firmware.PowerMeter;

namespace Stations.Firmware.Tests;

[TestClass]
public sealed class Pzem004tProtocolTests
{
    [TestMethod]
    public void Crc16ModbusCheckValue()
    {
        byte[] data = Encoding.ASCII.GetBytes("123456789");
        Assert.AreEqual((ushort)0x4B37, ModbusCrc16.Compute(data, 0, data.Length));
    }

    [TestMethod]
    public void ReadRequestForAddressOneIsTheDatasheetFrame()
    {
        // The PZEM-004T v3.0 manual's "read all measurements" example: 01 04 00 00 00 0A 70 0D.
        var frame = new byte[8];
        Pzem004tProtocol.BuildReadRequest(0x01, frame);
        CollectionAssert.AreEqual(new byte[] { 0x01, 0x04, 0x00, 0x00, 0x00, 0x0A, 0x70, 0x0D }, frame);
    }

    [TestMethod]
    public void ParsesAMeasurementResponse()
    {
        // 230.4 V, 0.812 A, 180.5 W, 1234 Wh, 50.0 Hz, PF 0.96, no alarm; 32-bit values low word first.
        byte[] frame = Response(0x02,
            2304,
            812, 0,
            1805, 0,
            1234, 0,
            500,
            96,
            0);

        Assert.IsTrue(Pzem004tProtocol.IsValidResponse(0x02, frame, frame.Length));
        Assert.AreEqual(230.4, Pzem004tProtocol.VoltageVolts(frame), 1e-9);
        Assert.AreEqual(0.812, Pzem004tProtocol.CurrentAmperes(frame), 1e-9);
        Assert.AreEqual(180.5, Pzem004tProtocol.PowerWatts(frame), 1e-9);
        Assert.AreEqual(1234, Pzem004tProtocol.EnergyWattHours(frame), 1e-9);
        Assert.AreEqual(50.0, Pzem004tProtocol.FrequencyHertz(frame), 1e-9);
        Assert.AreEqual(0.96, Pzem004tProtocol.PowerFactor(frame), 1e-9);
    }

    [TestMethod]
    public void PowerAbove6553WattsUsesTheHighWord()
    {
        // 7000.0 W = 70000 (0.1 W units) = 0x0001_1170: low word 0x1170, high word 0x0001.
        byte[] frame = Response(0x01, 2300, 0, 0, 0x1170, 0x0001, 0, 0, 500, 100, 0);
        Assert.AreEqual(7000.0, Pzem004tProtocol.PowerWatts(frame), 1e-9);
    }

    [TestMethod]
    public void RejectsCorruptShortForeignAndErrorFrames()
    {
        byte[] good = Response(0x01, 2300, 0, 0, 100, 0, 0, 0, 500, 100, 0);
        Assert.IsTrue(Pzem004tProtocol.IsValidResponse(0x01, good, good.Length));

        byte[] corrupt = (byte[])good.Clone();
        corrupt[10] ^= 0x01;
        Assert.IsFalse(Pzem004tProtocol.IsValidResponse(0x01, corrupt, corrupt.Length), "bad CRC");
        Assert.IsFalse(Pzem004tProtocol.IsValidResponse(0x01, good, 24), "short frame");
        Assert.IsFalse(Pzem004tProtocol.IsValidResponse(0x02, good, good.Length), "answer from another meter");

        byte[] error = [0x01, 0x84, 0x02, 0, 0];
        ModbusCrc16.Append(error, 3);
        Assert.IsTrue(Pzem004tProtocol.IsErrorResponse(0x01, error, 5));
        Assert.IsFalse(Pzem004tProtocol.IsValidResponse(0x01, error, 5));
    }

    private static byte[] Response(byte address, params int[] registers)
    {
        var frame = new byte[25];
        frame[0] = address;
        frame[1] = 0x04;
        frame[2] = 20;
        for (int i = 0; i < 10; i++)
        {
            frame[3 + (2 * i)] = (byte)(registers[i] >> 8);
            frame[4 + (2 * i)] = (byte)registers[i];
        }

        ModbusCrc16.Append(frame, 23);
        return frame;
    }
}
