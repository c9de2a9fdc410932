// Facade of nanoFramework.System.IO.Ports 1.1.139 (assembly System.IO.Ports): the serial port the PZEM-004T bus uses.
using System;
using Stations.Firmware.Facade;

namespace System.IO.Ports
{
    [Mirrors("nanoFramework.System.IO.Ports", "1.1.139")]
    public enum Parity
    {
        [Mirrors("nanoFramework.System.IO.Ports", "1.1.139")] None,
        [Mirrors("nanoFramework.System.IO.Ports", "1.1.139")] Odd,
        [Mirrors("nanoFramework.System.IO.Ports", "1.1.139")] Even,
    }

    [Mirrors("nanoFramework.System.IO.Ports", "1.1.139")]
    public enum StopBits
    {
        [Mirrors("nanoFramework.System.IO.Ports", "1.1.139")] One = 1,
        [Mirrors("nanoFramework.System.IO.Ports", "1.1.139")] Two = 2,
        [Mirrors("nanoFramework.System.IO.Ports", "1.1.139")] OnePointFive = 3,
    }

    [Mirrors("nanoFramework.System.IO.Ports", "1.1.139")]
    public class SerialPort : IDisposable
    {
        [Mirrors("nanoFramework.System.IO.Ports", "1.1.139")]
        public SerialPort(string portName, int baudRate, Parity parity, int dataBits, StopBits stopBits) { }

        [Mirrors("nanoFramework.System.IO.Ports", "1.1.139")]
        public int ReadTimeout { get; set; }

        [Mirrors("nanoFramework.System.IO.Ports", "1.1.139")]
        public int WriteTimeout { get; set; }

        [Mirrors("nanoFramework.System.IO.Ports", "1.1.139")]
        public bool IsOpen { get; private set; }

        [Mirrors("nanoFramework.System.IO.Ports", "1.1.139")]
        public int BytesToRead => 0;

        [Mirrors("nanoFramework.System.IO.Ports", "1.1.139")]
        public void Open() => IsOpen = true;

        [Mirrors("nanoFramework.System.IO.Ports", "1.1.139")]
        public void Close() => IsOpen = false;

        [Mirrors("nanoFramework.System.IO.Ports", "1.1.139")]
        public int Read(byte[] buffer, int offset, int count) => 0;

        [Mirrors("nanoFramework.System.IO.Ports", "1.1.139")]
        public void Write(byte[] buffer, int offset, int count) { }

        [Mirrors("nanoFramework.System.IO.Ports", "1.1.139")]
        public void Dispose() { }
    }
}
