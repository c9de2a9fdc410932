using System;
using System.IO.Ports;
using System.Threading;
using nanoFramework.Hardware.Esp32;

namespace Stations.Firmware.PowerMeter
{
    /// <summary>
    /// One UART (ESP32 UART2 = nanoFramework COM2) shared by several PZEM-004T v3.0 meters, each with its own Modbus
    /// address. Requests are serialised; a meter that does not answer within the timeout counts as a failed read.
    /// </summary>
    public sealed class Pzem004tBus
    {
        /// <summary>nanoFramework port name of ESP32 UART2.</summary>
        public const string PortName = "COM2";

        /// <summary>The PZEM-004T v3.0 speaks 9600 baud, 8 data bits, no parity, 1 stop bit.</summary>
        public const int BaudRate = 9600;

        // 25 bytes at 9600 baud take 26 ms; the meter answers well within 100 ms. 300 ms leaves room for a slow one.
        private const int ResponseTimeoutMs = 300;
        private const int PollIntervalMs = 5;

        private readonly SerialPort _port;
        private readonly object _sync = new object();
        private readonly byte[] _request = new byte[Pzem004tProtocol.RequestLength];
        private readonly byte[] _response = new byte[Pzem004tProtocol.ResponseLength];

        /// <summary>Routes UART2 to the given pins and opens the port.</summary>
        public Pzem004tBus(int txGpio, int rxGpio)
        {
            Configuration.SetPinFunction(txGpio, DeviceFunction.COM2_TX);
            Configuration.SetPinFunction(rxGpio, DeviceFunction.COM2_RX);
            _port = new SerialPort(PortName, BaudRate, Parity.None, 8, StopBits.One);
            _port.ReadTimeout = ResponseTimeoutMs;
            _port.WriteTimeout = ResponseTimeoutMs;
            _port.Open();
        }

        /// <summary>Asks the meter at <paramref name="address"/> for its measurements; false when it did not answer correctly.</summary>
        public bool TryReadPower(byte address, out double powerWatts)
        {
            powerWatts = 0;

            // Monitor.Enter(object) rather than `lock`: on .NET `lock` binds to Enter(object, ref bool), which
            // nanoFramework's mscorlib does not have, and the API-surface check reads the host-compiled code.
            Monitor.Enter(_sync);
            try
            {
                DiscardStaleBytes();
                Pzem004tProtocol.BuildReadRequest(address, _request);
                _port.Write(_request, 0, _request.Length);

                int received = ReceiveFrame(address);
                if (!Pzem004tProtocol.IsValidResponse(address, _response, received))
                {
                    return false;
                }

                powerWatts = Pzem004tProtocol.PowerWatts(_response);
                return true;
            }
            finally
            {
                Monitor.Exit(_sync);
            }
        }

        // A late answer to an earlier, timed-out request must not be taken for the answer to this one.
        private void DiscardStaleBytes()
        {
            int stale = _port.BytesToRead;
            while (stale > 0)
            {
                int chunk = stale < _response.Length ? stale : _response.Length;
                _port.Read(_response, 0, chunk);
                stale = _port.BytesToRead;
            }
        }

        private int ReceiveFrame(byte address)
        {
            int received = 0;
            long deadline = Environment.TickCount64 + ResponseTimeoutMs;
            while (received < _response.Length && Environment.TickCount64 < deadline)
            {
                int available = _port.BytesToRead;
                if (available <= 0)
                {
                    Thread.Sleep(PollIntervalMs);
                    continue;
                }

                int wanted = _response.Length - received;
                received += _port.Read(_response, received, available < wanted ? available : wanted);

                // An exception response is complete at 5 bytes; do not wait for 25 that will never come.
                if (Pzem004tProtocol.IsErrorResponse(address, _response, received))
                {
                    break;
                }
            }

            return received;
        }
    }
}
