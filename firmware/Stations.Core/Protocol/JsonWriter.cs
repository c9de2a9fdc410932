namespace Stations.Core.Protocol
{
    /// <summary>
    /// Writes compact UTF-8 JSON into a reusable, fixed-size buffer without allocating per call.
    /// API is fixed (other Core code depends on it); the implementation is owned by the protocol work.
    /// </summary>
    /// <remarks>
    /// Strings are encoded to UTF-8 char by char straight into the buffer: `"` and `\` are escaped, control characters
    /// become \u00XX, non-ASCII text (e.g. Chinese) is written as UTF-8 bytes and a lone surrogate as U+FFFD.
    /// When a write does not fit, <see cref="Overflowed"/> is set and every later write is ignored (never throws),
    /// so a caller can build the whole message and check once at the end.
    /// The writer does not check structure (e.g. a named property inside an array): Core code builds fixed shapes.
    /// </remarks>
    public sealed class JsonWriter
    {
        private const int MaxDecimals = 6;

        // Exact powers of ten used to scale numbers; 10^18 still fits a long.
        private static readonly long[] PowersOfTen =
        {
            1L, 10L, 100L, 1000L, 10000L, 100000L, 1000000L, 10000000L, 100000000L, 1000000000L,
            10000000000L, 100000000000L, 1000000000000L, 10000000000000L, 100000000000000L,
            1000000000000000L, 10000000000000000L, 100000000000000000L, 1000000000000000000L
        };

        private static readonly byte[] HexDigits =
        {
            (byte)'0', (byte)'1', (byte)'2', (byte)'3', (byte)'4', (byte)'5', (byte)'6', (byte)'7',
            (byte)'8', (byte)'9', (byte)'a', (byte)'b', (byte)'c', (byte)'d', (byte)'e', (byte)'f'
        };

        private readonly byte[] _buffer;
        private int _length;
        private bool _overflowed;

        // True when the next member or element needs a ',' before it. One flag is enough: every Begin* clears it
        // and every value or End* sets it, which is exactly the comma rule of nested JSON.
        private bool _needComma;

        // Scratch for number digits (a long has at most 19 digits plus sign).
        private readonly byte[] _digits = new byte[24];

        /// <summary>Creates a writer whose output can never exceed <paramref name="capacityBytes"/>.</summary>
        public JsonWriter(int capacityBytes)
        {
            if (capacityBytes < 0)
            {
                throw new System.ArgumentOutOfRangeException(nameof(capacityBytes), "capacity must be 0 or more bytes");
            }

            _buffer = new byte[capacityBytes];
        }

        /// <summary>The output bytes; valid from 0 to <see cref="Length"/>.</summary>
        public byte[] Buffer { get { return _buffer; } }

        /// <summary>Bytes written so far.</summary>
        public int Length { get { return _length; } }

        /// <summary>True when some write did not fit; the message is then incomplete and must not be sent.</summary>
        public bool Overflowed { get { return _overflowed; } }

        /// <summary>The fixed capacity in bytes.</summary>
        public int Capacity { get { return _buffer.Length; } }

        /// <summary>Empties the writer for the next message.</summary>
        public void Reset()
        {
            _length = 0;
            _overflowed = false;
            _needComma = false;
        }

        /// <summary>Starts an unnamed object (top level or array element).</summary>
        public void BeginObject()
        {
            WriteSeparator();
            WriteByte((byte)'{');
            _needComma = false;
        }

        /// <summary>Starts a named object property.</summary>
        public void BeginObject(string name)
        {
            WriteName(name);
            WriteByte((byte)'{');
            _needComma = false;
        }

        /// <summary>Ends the current object.</summary>
        public void EndObject()
        {
            WriteByte((byte)'}');
            _needComma = true;
        }

        /// <summary>Starts a named array property.</summary>
        public void BeginArray(string name)
        {
            WriteName(name);
            WriteByte((byte)'[');
            _needComma = false;
        }

        /// <summary>Starts an unnamed array (top level or array element).</summary>
        public void BeginArray()
        {
            WriteSeparator();
            WriteByte((byte)'[');
            _needComma = false;
        }

        /// <summary>Ends the current array.</summary>
        public void EndArray()
        {
            WriteByte((byte)']');
            _needComma = true;
        }

        /// <summary>Writes a string property (escaped).</summary>
        public void String(string name, string value)
        {
            WriteName(name);
            WriteStringOrNull(value);
            _needComma = true;
        }

        /// <summary>Writes an integer property.</summary>
        public void Int(string name, long value)
        {
            WriteName(name);
            WriteLong(value);
            _needComma = true;
        }

        /// <summary>Writes a boolean property.</summary>
        public void Bool(string name, bool value)
        {
            WriteName(name);
            WriteBool(value);
            _needComma = true;
        }

        /// <summary>Writes a number rounded to <paramref name="decimals"/> places (0–6), without exponent or trailing zeros.</summary>
        /// <remarks>Rounds half away from zero. NaN and infinities have no JSON form and are written as null.
        /// Magnitudes of 10^18 and more (never a station measurement) are written with an exponent.</remarks>
        public void Number(string name, double value, int decimals)
        {
            WriteName(name);
            WriteDouble(value, decimals);
            _needComma = true;
        }

        /// <summary>Writes a null property.</summary>
        public void Null(string name)
        {
            WriteName(name);
            WriteNull();
            _needComma = true;
        }

        /// <summary>Writes a property whose value is already-encoded JSON (e.g. a stored config object).</summary>
        public void Raw(string name, byte[] json, int offset, int count)
        {
            WriteName(name);
            WriteBytes(json, offset, count);
            _needComma = true;
        }

        /// <summary>Writes a string array element.</summary>
        public void StringValue(string value)
        {
            WriteSeparator();
            WriteStringOrNull(value);
            _needComma = true;
        }

        /// <summary>Writes an integer array element.</summary>
        public void IntValue(long value)
        {
            WriteSeparator();
            WriteLong(value);
            _needComma = true;
        }

        /// <summary>Writes a boolean array element.</summary>
        public void BoolValue(bool value)
        {
            WriteSeparator();
            WriteBool(value);
            _needComma = true;
        }

        /// <summary>Writes a number array element, rounded like <see cref="Number"/>.</summary>
        public void NumberValue(double value, int decimals)
        {
            WriteSeparator();
            WriteDouble(value, decimals);
            _needComma = true;
        }

        /// <summary>Writes a null array element.</summary>
        public void NullValue()
        {
            WriteSeparator();
            WriteNull();
            _needComma = true;
        }

        /// <summary>Writes an already-encoded JSON array element.</summary>
        public void RawValue(byte[] json, int offset, int count)
        {
            WriteSeparator();
            WriteBytes(json, offset, count);
            _needComma = true;
        }

        /// <summary>Returns the output as a string (tests and logs; allocates).</summary>
        public override string ToString()
        {
            return JsonReader.DecodeUtf8(_buffer, 0, _length);
        }

        private void WriteSeparator()
        {
            if (_needComma)
            {
                WriteByte((byte)',');
            }
        }

        private void WriteName(string name)
        {
            WriteSeparator();
            WriteQuoted(name);
            WriteByte((byte)':');
        }

        private void WriteStringOrNull(string value)
        {
            if (value == null)
            {
                WriteNull();
            }
            else
            {
                WriteQuoted(value);
            }
        }

        private void WriteNull()
        {
            WriteByte((byte)'n');
            WriteByte((byte)'u');
            WriteByte((byte)'l');
            WriteByte((byte)'l');
        }

        private void WriteBool(bool value)
        {
            if (value)
            {
                WriteByte((byte)'t');
                WriteByte((byte)'r');
                WriteByte((byte)'u');
                WriteByte((byte)'e');
            }
            else
            {
                WriteByte((byte)'f');
                WriteByte((byte)'a');
                WriteByte((byte)'l');
                WriteByte((byte)'s');
                WriteByte((byte)'e');
            }
        }

        private void WriteQuoted(string text)
        {
            WriteByte((byte)'"');
            int length = text.Length;
            for (int i = 0; i < length; i++)
            {
                char c = text[i];
                if (c < 0x80)
                {
                    if (c == '"' || c == '\\')
                    {
                        WriteByte((byte)'\\');
                        WriteByte((byte)c);
                    }
                    else if (c < 0x20)
                    {
                        WriteByte((byte)'\\');
                        WriteByte((byte)'u');
                        WriteByte((byte)'0');
                        WriteByte((byte)'0');
                        WriteByte(HexDigits[c >> 4]);
                        WriteByte(HexDigits[c & 0xF]);
                    }
                    else
                    {
                        WriteByte((byte)c);
                    }
                }
                else if (c < 0x800)
                {
                    WriteByte((byte)(0xC0 | (c >> 6)));
                    WriteByte((byte)(0x80 | (c & 0x3F)));
                }
                else if (c >= 0xD800 && c <= 0xDFFF)
                {
                    if (c <= 0xDBFF && i + 1 < length && text[i + 1] >= 0xDC00 && text[i + 1] <= 0xDFFF)
                    {
                        int codePoint = 0x10000 + ((c - 0xD800) << 10) + (text[i + 1] - 0xDC00);
                        i++;
                        WriteByte((byte)(0xF0 | (codePoint >> 18)));
                        WriteByte((byte)(0x80 | ((codePoint >> 12) & 0x3F)));
                        WriteByte((byte)(0x80 | ((codePoint >> 6) & 0x3F)));
                        WriteByte((byte)(0x80 | (codePoint & 0x3F)));
                    }
                    else
                    {
                        // A lone surrogate cannot be encoded in UTF-8: write U+FFFD like every UTF-8 encoder does.
                        WriteByte(0xEF);
                        WriteByte(0xBF);
                        WriteByte(0xBD);
                    }
                }
                else
                {
                    WriteByte((byte)(0xE0 | (c >> 12)));
                    WriteByte((byte)(0x80 | ((c >> 6) & 0x3F)));
                    WriteByte((byte)(0x80 | (c & 0x3F)));
                }
            }

            WriteByte((byte)'"');
        }

        private void WriteLong(long value)
        {
            if (value == 0)
            {
                WriteByte((byte)'0');
                return;
            }

            // Digits are produced from the negative side so long.MinValue needs no special case.
            bool negative = value < 0;
            long rest = negative ? value : -value;
            int count = 0;
            while (rest != 0)
            {
                long quotient = rest / 10;
                _digits[count++] = (byte)('0' + (int)(quotient * 10 - rest));
                rest = quotient;
            }

            if (negative)
            {
                WriteByte((byte)'-');
            }

            while (count > 0)
            {
                WriteByte(_digits[--count]);
            }
        }

        private void WriteDouble(double value, int decimals)
        {
            if (double.IsNaN(value) || double.IsInfinity(value))
            {
                WriteNull();
                return;
            }

            if (decimals < 0)
            {
                decimals = 0;
            }
            else if (decimals > MaxDecimals)
            {
                decimals = MaxDecimals;
            }

            double magnitude = value < 0 ? -value : value;
            if (magnitude >= 1e18)
            {
                WriteHugeDouble(value);
                return;
            }

            // Fewer decimals when the scaled value would not fit a long; such numbers have no meaningful fraction anyway.
            while (decimals > 0 && magnitude * PowersOfTen[decimals] >= 9e18)
            {
                decimals--;
            }

            double scaled = magnitude * PowersOfTen[decimals];
            long units = (long)(scaled + 0.5); // half away from zero: the sign is applied afterwards
            if (units == 0)
            {
                WriteByte((byte)'0');
                return;
            }

            if (value < 0)
            {
                WriteByte((byte)'-');
            }

            long divisor = PowersOfTen[decimals];
            long whole = units / divisor;
            long fraction = units - whole * divisor;
            WriteLong(whole);
            if (fraction == 0)
            {
                return;
            }

            int places = decimals;
            while (fraction % 10 == 0)
            {
                fraction /= 10;
                places--;
            }

            WriteByte((byte)'.');
            for (int p = places - 1; p >= 0; p--)
            {
                long digit = fraction / PowersOfTen[p];
                WriteByte((byte)('0' + (int)digit));
                fraction -= digit * PowersOfTen[p];
            }
        }

        // Values of 10^18 and more: 17 significant digits and a decimal exponent, e.g. 12345678901234567e5.
        private void WriteHugeDouble(double value)
        {
            double magnitude = value < 0 ? -value : value;
            int exponent = 0;
            while (magnitude >= 1e17)
            {
                magnitude /= 10;
                exponent++;
            }

            if (value < 0)
            {
                WriteByte((byte)'-');
            }

            WriteLong((long)(magnitude + 0.5));
            WriteByte((byte)'e');
            WriteLong(exponent);
        }

        private void WriteBytes(byte[] bytes, int offset, int count)
        {
            if (_overflowed)
            {
                return;
            }

            if (count > _buffer.Length - _length)
            {
                _overflowed = true;
                return;
            }

            System.Array.Copy(bytes, offset, _buffer, _length, count);
            _length += count;
        }

        private void WriteByte(byte b)
        {
            if (_overflowed)
            {
                return;
            }

            if (_length >= _buffer.Length)
            {
                _overflowed = true;
                return;
            }

            _buffer[_length++] = b;
        }
    }
}
