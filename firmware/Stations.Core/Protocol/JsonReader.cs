using System;

namespace Stations.Core.Protocol
{
    /// <summary>
    /// A forward-only UTF-8 JSON pull reader over a byte range. Allocates only when a string value is asked for.
    /// API is fixed (other Core code depends on it); the implementation is owned by the protocol work.
    /// </summary>
    /// <remarks>
    /// Strict RFC 8259: one top-level value followed only by whitespace; no trailing commas, leading zeros, comments,
    /// unescaped control characters, invalid escapes (including unpaired surrogate escapes) or invalid UTF-8 inside
    /// strings; nesting deeper than
    /// <see cref="MaxDepth"/> is an error. On the first problem the token becomes <see cref="JsonToken.Error"/>,
    /// <see cref="Error"/> names it and its byte offset from the start of the range, and reading stops.
    /// It never throws on bad input; only asking for a value of the wrong token kind throws.
    /// </remarks>
    public sealed class JsonReader
    {
        /// <summary>The deepest nesting of objects and arrays accepted.</summary>
        public const int MaxDepth = 16;

        // What the next token may be.
        private const int ExpectValue = 0;            // top level, after ':' or after ',' in an array
        private const int ExpectValueOrEndArray = 1;  // just after '['
        private const int ExpectName = 2;             // after ',' in an object
        private const int ExpectNameOrEndObject = 3;  // just after '{'
        private const int ExpectColon = 4;            // after a property name
        private const int ExpectCommaOrClose = 5;     // after a value inside a container
        private const int ExpectEndOfInput = 6;       // after the top-level value
        private const int Finished = 7;               // End or Error returned

        // Exact powers of ten: a double holds 10^0 … 10^22 exactly, so m * 10^k and m / 10^k round correctly.
        private static readonly double[] DoublePowersOfTen =
        {
            1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
            1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
        };

        private readonly bool[] _containerIsObject = new bool[MaxDepth];

        private byte[] _json;
        private int _begin;
        private int _limit;
        private int _position;
        private int _state;
        private int _depth;
        private bool _afterComma;

        private JsonToken _token;
        private int _tokenStart;
        private int _contentStart;   // strings: first byte after the opening quote; numbers: the first character
        private int _contentEnd;     // strings: the closing quote; numbers: just after the last character
        private bool _hasEscapes;
        private int _valueEnd;
        private string _error;

        /// <summary>Reads the bytes json[offset .. offset+count). Nesting deeper than 16 is an error.</summary>
        public JsonReader(byte[] json, int offset, int count)
        {
            Reset(json, offset, count);
        }

        /// <summary>Restarts on a new byte range, reusing this reader.</summary>
        public void Reset(byte[] json, int offset, int count)
        {
            if (json == null || offset < 0 || count < 0 || offset > json.Length - count)
            {
                throw new ArgumentException("json must be an array and offset .. offset+count must lie inside it", nameof(json));
            }

            _json = json;
            _begin = offset;
            _limit = offset + count;
            _position = offset;
            _state = ExpectValue;
            _depth = 0;
            _afterComma = false;
            _token = JsonToken.None;
            _tokenStart = offset;
            _contentStart = offset;
            _contentEnd = offset;
            _hasEscapes = false;
            _valueEnd = offset;
            _error = null;
        }

        /// <summary>Advances to the next token and returns it.</summary>
        public JsonToken Read()
        {
            if (_state == Finished)
            {
                return _token;
            }

            while (true)
            {
                SkipWhitespace();
                if (_position >= _limit)
                {
                    if (_state == ExpectEndOfInput)
                    {
                        _tokenStart = _position;
                        _state = Finished;
                        _token = JsonToken.End;
                        return _token;
                    }

                    return Fail(_position == _begin ? "empty input" : "unexpected end of input", _position);
                }

                byte b = _json[_position];
                switch (_state)
                {
                    case ExpectEndOfInput:
                        return Fail("unexpected " + Describe(b) + " after the end of the JSON value", _position);

                    case ExpectCommaOrClose:
                        bool inObject = _containerIsObject[_depth - 1];
                        if (b == ',')
                        {
                            _position++;
                            _afterComma = true;
                            _state = inObject ? ExpectName : ExpectValue;
                            continue;
                        }

                        if (b == (inObject ? (byte)'}' : (byte)']'))
                        {
                            return CloseContainer();
                        }

                        return Fail("expected ',' or '" + (inObject ? "}" : "]") + "' but found " + Describe(b), _position);

                    case ExpectColon:
                        if (b != ':')
                        {
                            return Fail("expected ':' but found " + Describe(b), _position);
                        }

                        _position++;
                        _state = ExpectValue;
                        continue;

                    case ExpectNameOrEndObject:
                    case ExpectName:
                        if (b == '}' && _state == ExpectNameOrEndObject)
                        {
                            return CloseContainer();
                        }

                        if (b == '}')
                        {
                            return Fail("trailing comma before '}'", _position);
                        }

                        if (b != '"')
                        {
                            return Fail("expected a property name in double quotes but found " + Describe(b), _position);
                        }

                        return ReadString(JsonToken.PropertyName);

                    case ExpectValueOrEndArray:
                        if (b == ']')
                        {
                            return CloseContainer();
                        }

                        return ReadValue(b);

                    default:
                        if (b == ']' && _afterComma)
                        {
                            return Fail("trailing comma before ']'", _position);
                        }

                        return ReadValue(b);
                }
            }
        }

        /// <summary>The current token.</summary>
        public JsonToken Token { get { return _token; } }

        /// <summary>How many objects and arrays enclose the reader's position (1 just after the top-level '{').</summary>
        public int Depth { get { return _depth; } }

        /// <summary>True when the current property name equals <paramref name="name"/> (no allocation).</summary>
        /// <remarks>Names without escapes are compared byte by byte against <paramref name="name"/> encoded on the fly;
        /// a name with escapes (rare) is unescaped first, which allocates.</remarks>
        public bool NameEquals(string name)
        {
            if (_token != JsonToken.PropertyName || name == null)
            {
                return false;
            }

            if (_hasEscapes)
            {
                return GetString() == name;
            }

            int p = _contentStart;
            int length = name.Length;
            for (int i = 0; i < length; i++)
            {
                int c = name[i];
                if (c < 0x80)
                {
                    if (p >= _contentEnd || _json[p] != c)
                    {
                        return false;
                    }

                    p++;
                    continue;
                }

                int codePoint = c;
                int byteCount;
                if (c < 0x800)
                {
                    byteCount = 2;
                }
                else if (c >= 0xD800 && c <= 0xDBFF && i + 1 < length && name[i + 1] >= 0xDC00 && name[i + 1] <= 0xDFFF)
                {
                    codePoint = 0x10000 + ((c - 0xD800) << 10) + (name[i + 1] - 0xDC00);
                    i++;
                    byteCount = 4;
                }
                else if (c >= 0xD800 && c <= 0xDFFF)
                {
                    return false; // a lone surrogate never equals valid UTF-8
                }
                else
                {
                    byteCount = 3;
                }

                if (_contentEnd - p < byteCount || !MatchesCodePoint(p, codePoint, byteCount))
                {
                    return false;
                }

                p += byteCount;
            }

            return p == _contentEnd;
        }

        /// <summary>The current property name or string value, unescaped (allocates).</summary>
        /// <remarks>At a Number token it returns the number's text as written.</remarks>
        public string GetString()
        {
            if (_token == JsonToken.Number)
            {
                return DecodeUtf8(_json, _contentStart, _contentEnd - _contentStart);
            }

            if (_token != JsonToken.String && _token != JsonToken.PropertyName)
            {
                throw new InvalidOperationException("GetString needs a String or PropertyName token");
            }

            if (!_hasEscapes)
            {
                return DecodeUtf8(_json, _contentStart, _contentEnd - _contentStart);
            }

            return Unescape(_contentStart, _contentEnd);
        }

        /// <summary>The current number as a double.</summary>
        /// <remarks>Exact (correctly rounded) for up to 15 significant digits and exponents within ±22, which covers
        /// every value in the protocol; beyond that it is within a few units in the last place.</remarks>
        public double GetDouble()
        {
            RequireNumber();
            int p = _contentStart;
            bool negative = false;
            if (_json[p] == '-')
            {
                negative = true;
                p++;
            }

            long mantissa = 0;
            int significant = 0;
            int exponent = 0;
            while (p < _contentEnd && IsDigit(_json[p]))
            {
                AccumulateDigit(ref mantissa, ref significant, ref exponent, _json[p] - '0', false);
                p++;
            }

            if (p < _contentEnd && _json[p] == '.')
            {
                p++;
                while (p < _contentEnd && IsDigit(_json[p]))
                {
                    AccumulateDigit(ref mantissa, ref significant, ref exponent, _json[p] - '0', true);
                    p++;
                }
            }

            if (p < _contentEnd && (_json[p] == 'e' || _json[p] == 'E'))
            {
                p++;
                bool negativeExponent = false;
                if (_json[p] == '+' || _json[p] == '-')
                {
                    negativeExponent = _json[p] == '-';
                    p++;
                }

                int written = 0;
                while (p < _contentEnd)
                {
                    // Saturate: anything past 10^±9999 is 0 or infinity anyway.
                    if (written < 10000)
                    {
                        written = written * 10 + (_json[p] - '0');
                    }

                    p++;
                }

                exponent += negativeExponent ? -written : written;
            }

            double value = ScaleByPowerOfTen(mantissa, exponent);
            return negative ? -value : value;
        }

        /// <summary>The current number as a long; false when it has a fraction, exponent or does not fit.</summary>
        public bool TryGetInt64(out long value)
        {
            value = 0;
            if (_token != JsonToken.Number)
            {
                return false;
            }

            int p = _contentStart;
            bool negative = false;
            if (_json[p] == '-')
            {
                negative = true;
                p++;
            }

            // Accumulated as a negative number so that long.MinValue fits.
            long result = 0;
            const long limit = long.MinValue / 10;
            while (p < _contentEnd)
            {
                byte b = _json[p];
                if (!IsDigit(b))
                {
                    return false; // '.', 'e' or 'E'
                }

                int digit = b - '0';
                if (result < limit || (result == limit && digit > 8))
                {
                    return false;
                }

                result = result * 10 - digit;
                p++;
            }

            if (!negative)
            {
                if (result == long.MinValue)
                {
                    return false;
                }

                result = -result;
            }

            value = result;
            return true;
        }

        /// <summary>After a PropertyName or at a StartObject/StartArray: skips the whole value.</summary>
        /// <remarks>Afterwards the current token is the value's last token (its EndObject/EndArray, or the scalar
        /// itself), or Error when the skipped part is malformed.</remarks>
        public void Skip()
        {
            if (_token == JsonToken.PropertyName)
            {
                if (Read() == JsonToken.Error)
                {
                    return;
                }
            }

            if (_token == JsonToken.StartObject || _token == JsonToken.StartArray)
            {
                int outerDepth = _depth - 1;
                while (_depth > outerDepth)
                {
                    if (Read() == JsonToken.Error)
                    {
                        return;
                    }
                }
            }

            _valueEnd = _position;
        }

        /// <summary>Byte offset where the current token starts (within the whole array).</summary>
        public int TokenStart { get { return _tokenStart; } }

        /// <summary>For StartObject/StartArray after <see cref="Skip"/>: the byte offset just after the value ends.</summary>
        public int ValueEnd { get { return _valueEnd; } }

        /// <summary>The error message when <see cref="Token"/> is Error, e.g. "unexpected ',' at byte 17", else null.</summary>
        /// <remarks>The byte offset counts from the start of the range given to the constructor or <see cref="Reset"/>.</remarks>
        public string Error { get { return _error; } }

        /// <summary>Decodes UTF-8 bytes to a string; an invalid sequence becomes U+FFFD (allocates).</summary>
        internal static string DecodeUtf8(byte[] bytes, int offset, int count)
        {
            char[] chars = new char[count];
            int n = 0;
            int p = offset;
            int end = offset + count;
            while (p < end)
            {
                int length = Utf8SequenceLength(bytes, p, end);
                if (length == 0)
                {
                    chars[n++] = '\uFFFD';
                    p++;
                    continue;
                }

                n = AppendCodePoint(chars, n, DecodeCodePoint(bytes, p, length));
                p += length;
            }

            return new string(chars, 0, n);
        }

        private JsonToken ReadValue(byte b)
        {
            _afterComma = false;
            if (b == '{' || b == '[')
            {
                if (_depth >= MaxDepth)
                {
                    return Fail("nesting deeper than " + MaxDepth.ToString() + " levels", _position);
                }

                bool isObject = b == '{';
                _containerIsObject[_depth] = isObject;
                _depth++;
                _tokenStart = _position;
                _position++;
                _state = isObject ? ExpectNameOrEndObject : ExpectValueOrEndArray;
                _token = isObject ? JsonToken.StartObject : JsonToken.StartArray;
                return _token;
            }

            if (b == '"')
            {
                return ReadString(JsonToken.String);
            }

            if (b == '-' || IsDigit(b))
            {
                return ReadNumber();
            }

            if (b == 't')
            {
                return ReadLiteral("true", JsonToken.True);
            }

            if (b == 'f')
            {
                return ReadLiteral("false", JsonToken.False);
            }

            if (b == 'n')
            {
                return ReadLiteral("null", JsonToken.Null);
            }

            return Fail("expected a value but found " + Describe(b), _position);
        }

        private JsonToken CloseContainer()
        {
            bool isObject = _containerIsObject[_depth - 1];
            _depth--;
            _tokenStart = _position;
            _position++;
            _afterComma = false;
            _token = isObject ? JsonToken.EndObject : JsonToken.EndArray;
            AfterValue();
            return _token;
        }

        private void AfterValue()
        {
            _state = _depth == 0 ? ExpectEndOfInput : ExpectCommaOrClose;
        }

        private JsonToken ReadString(JsonToken kind)
        {
            int start = _position;
            int p = start + 1;
            bool escapes = false;
            while (true)
            {
                if (p >= _limit)
                {
                    return Fail("unterminated string starting", start);
                }

                byte c = _json[p];
                if (c == '"')
                {
                    break;
                }

                if (c < 0x20)
                {
                    return Fail("unescaped control character " + Describe(c) + " in a string", p);
                }

                if (c == '\\')
                {
                    escapes = true;
                    if (p + 1 >= _limit)
                    {
                        return Fail("unterminated string starting", start);
                    }

                    byte e = _json[p + 1];
                    if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r' || e == 't')
                    {
                        p += 2;
                    }
                    else if (e == 'u')
                    {
                        int unit = ReadEscapedUnit(p);
                        if (unit < 0)
                        {
                            return Fail("\\u must be followed by 4 hex digits", p);
                        }

                        if (unit >= 0xDC00 && unit <= 0xDFFF)
                        {
                            return Fail("\\u escape of a low surrogate without a high one", p);
                        }

                        if (unit >= 0xD800 && unit <= 0xDBFF)
                        {
                            // A high surrogate must be followed by an escaped low one, or the string is not valid Unicode.
                            int low = p + 6 < _limit && _json[p + 6] == '\\' ? ReadEscapedUnit(p + 6) : -1;
                            if (low < 0xDC00 || low > 0xDFFF)
                            {
                                return Fail("\\u escape of a high surrogate without a low one", p);
                            }

                            p += 6;
                        }

                        p += 6;
                    }
                    else
                    {
                        return Fail("invalid escape \\" + DescribeBare(e) + " in a string", p);
                    }

                    continue;
                }

                if (c < 0x80)
                {
                    p++;
                    continue;
                }

                int length = Utf8SequenceLength(_json, p, _limit);
                if (length == 0)
                {
                    return Fail("invalid UTF-8 in a string", p);
                }

                p += length;
            }

            _afterComma = false;
            _tokenStart = start;
            _contentStart = start + 1;
            _contentEnd = p;
            _hasEscapes = escapes;
            _position = p + 1;
            _token = kind;
            if (kind == JsonToken.PropertyName)
            {
                _state = ExpectColon;
            }
            else
            {
                AfterValue();
            }

            return _token;
        }

        // The UTF-16 code unit of the escape `\uXXXX` starting at p (the backslash), or -1 when it is not one.
        private int ReadEscapedUnit(int p)
        {
            if (p + 5 >= _limit || _json[p + 1] != 'u')
            {
                return -1;
            }

            int unit = 0;
            for (int i = 2; i < 6; i++)
            {
                int digit = HexValue(_json[p + i]);
                if (digit < 0)
                {
                    return -1;
                }

                unit = (unit << 4) | digit;
            }

            return unit;
        }

        private JsonToken ReadNumber()
        {
            int start = _position;
            int p = start;
            if (_json[p] == '-')
            {
                p++;
            }

            if (p >= _limit || !IsDigit(_json[p]))
            {
                return Fail("a number needs a digit after '-'", start);
            }

            if (_json[p] == '0')
            {
                p++;
                if (p < _limit && IsDigit(_json[p]))
                {
                    return Fail("leading zero in a number", start);
                }
            }
            else
            {
                while (p < _limit && IsDigit(_json[p]))
                {
                    p++;
                }
            }

            if (p < _limit && _json[p] == '.')
            {
                p++;
                if (p >= _limit || !IsDigit(_json[p]))
                {
                    return Fail("a number needs a digit after '.'", p);
                }

                while (p < _limit && IsDigit(_json[p]))
                {
                    p++;
                }
            }

            if (p < _limit && (_json[p] == 'e' || _json[p] == 'E'))
            {
                p++;
                if (p < _limit && (_json[p] == '+' || _json[p] == '-'))
                {
                    p++;
                }

                if (p >= _limit || !IsDigit(_json[p]))
                {
                    return Fail("a number needs a digit in its exponent", p);
                }

                while (p < _limit && IsDigit(_json[p]))
                {
                    p++;
                }
            }

            _afterComma = false;
            _tokenStart = start;
            _contentStart = start;
            _contentEnd = p;
            _hasEscapes = false;
            _position = p;
            _token = JsonToken.Number;
            AfterValue();
            return _token;
        }

        private JsonToken ReadLiteral(string literal, JsonToken kind)
        {
            int start = _position;
            int length = literal.Length;
            if (_limit - start < length)
            {
                return Fail("invalid literal (expected " + literal + ")", start);
            }

            for (int i = 0; i < length; i++)
            {
                if (_json[start + i] != literal[i])
                {
                    return Fail("invalid literal (expected " + literal + ")", start);
                }
            }

            _afterComma = false;
            _tokenStart = start;
            _position = start + length;
            _token = kind;
            AfterValue();
            return _token;
        }

        private JsonToken Fail(string message, int absolutePosition)
        {
            _error = message + " at byte " + (absolutePosition - _begin).ToString();
            _tokenStart = absolutePosition;
            _token = JsonToken.Error;
            _state = Finished;
            return _token;
        }

        private void RequireNumber()
        {
            if (_token != JsonToken.Number)
            {
                throw new InvalidOperationException("GetDouble needs a Number token");
            }
        }

        private void SkipWhitespace()
        {
            while (_position < _limit)
            {
                byte b = _json[_position];
                if (b != ' ' && b != '\n' && b != '\r' && b != '\t')
                {
                    return;
                }

                _position++;
            }
        }

        private bool MatchesCodePoint(int p, int codePoint, int byteCount)
        {
            if (byteCount == 2)
            {
                return _json[p] == (0xC0 | (codePoint >> 6))
                    && _json[p + 1] == (0x80 | (codePoint & 0x3F));
            }

            if (byteCount == 3)
            {
                return _json[p] == (0xE0 | (codePoint >> 12))
                    && _json[p + 1] == (0x80 | ((codePoint >> 6) & 0x3F))
                    && _json[p + 2] == (0x80 | (codePoint & 0x3F));
            }

            return _json[p] == (0xF0 | (codePoint >> 18))
                && _json[p + 1] == (0x80 | ((codePoint >> 12) & 0x3F))
                && _json[p + 2] == (0x80 | ((codePoint >> 6) & 0x3F))
                && _json[p + 3] == (0x80 | (codePoint & 0x3F));
        }

        private string Unescape(int start, int end)
        {
            char[] chars = new char[end - start];
            int n = 0;
            int p = start;
            while (p < end)
            {
                byte b = _json[p];
                if (b == '\\')
                {
                    byte e = _json[p + 1];
                    p += 2;
                    if (e == 'u')
                    {
                        // Surrogate pairs arrive as two \u escapes (checked while reading) and simply become two chars.
                        int unit = (HexValue(_json[p]) << 12) | (HexValue(_json[p + 1]) << 8)
                            | (HexValue(_json[p + 2]) << 4) | HexValue(_json[p + 3]);
                        chars[n++] = (char)unit;
                        p += 4;
                    }
                    else
                    {
                        chars[n++] = UnescapeSimple(e);
                    }

                    continue;
                }

                if (b < 0x80)
                {
                    chars[n++] = (char)b;
                    p++;
                    continue;
                }

                int length = Utf8SequenceLength(_json, p, end);
                n = AppendCodePoint(chars, n, DecodeCodePoint(_json, p, length));
                p += length;
            }

            return new string(chars, 0, n);
        }

        private static char UnescapeSimple(byte e)
        {
            switch (e)
            {
                case (byte)'b': return '\b';
                case (byte)'f': return '\f';
                case (byte)'n': return '\n';
                case (byte)'r': return '\r';
                case (byte)'t': return '\t';
                default: return (char)e; // '"', '\\' and '/'
            }
        }

        // The length of the valid UTF-8 sequence starting at p (1–4), or 0 when it is invalid (RFC 3629: no overlong
        // forms, no surrogates, nothing above U+10FFFF).
        private static int Utf8SequenceLength(byte[] bytes, int p, int end)
        {
            int b = bytes[p];
            if (b < 0x80)
            {
                return 1;
            }

            int length;
            int secondMin = 0x80;
            int secondMax = 0xBF;
            if (b >= 0xC2 && b <= 0xDF)
            {
                length = 2;
            }
            else if (b >= 0xE0 && b <= 0xEF)
            {
                length = 3;
                if (b == 0xE0)
                {
                    secondMin = 0xA0;
                }
                else if (b == 0xED)
                {
                    secondMax = 0x9F;
                }
            }
            else if (b >= 0xF0 && b <= 0xF4)
            {
                length = 4;
                if (b == 0xF0)
                {
                    secondMin = 0x90;
                }
                else if (b == 0xF4)
                {
                    secondMax = 0x8F;
                }
            }
            else
            {
                return 0;
            }

            if (end - p < length)
            {
                return 0;
            }

            int second = bytes[p + 1];
            if (second < secondMin || second > secondMax)
            {
                return 0;
            }

            for (int i = 2; i < length; i++)
            {
                int next = bytes[p + i];
                if (next < 0x80 || next > 0xBF)
                {
                    return 0;
                }
            }

            return length;
        }

        private static int DecodeCodePoint(byte[] bytes, int p, int length)
        {
            if (length == 1)
            {
                return bytes[p];
            }

            if (length == 2)
            {
                return ((bytes[p] & 0x1F) << 6) | (bytes[p + 1] & 0x3F);
            }

            if (length == 3)
            {
                return ((bytes[p] & 0x0F) << 12) | ((bytes[p + 1] & 0x3F) << 6) | (bytes[p + 2] & 0x3F);
            }

            return ((bytes[p] & 0x07) << 18) | ((bytes[p + 1] & 0x3F) << 12) | ((bytes[p + 2] & 0x3F) << 6)
                | (bytes[p + 3] & 0x3F);
        }

        private static int AppendCodePoint(char[] chars, int n, int codePoint)
        {
            if (codePoint < 0x10000)
            {
                chars[n] = (char)codePoint;
                return n + 1;
            }

            // A 4-byte sequence becomes a surrogate pair: 2 chars for 4 bytes, so the char array is always big enough.
            int v = codePoint - 0x10000;
            chars[n] = (char)(0xD800 + (v >> 10));
            chars[n + 1] = (char)(0xDC00 + (v & 0x3FF));
            return n + 2;
        }

        private static void AccumulateDigit(ref long mantissa, ref int significant, ref int exponent, int digit, bool isFraction)
        {
            if (mantissa == 0 && digit == 0)
            {
                if (isFraction)
                {
                    exponent--; // leading zeros of a fraction only move the decimal point
                }

                return;
            }

            if (significant < 18)
            {
                mantissa = mantissa * 10 + digit;
                significant++;
                if (isFraction)
                {
                    exponent--;
                }
            }
            else if (!isFraction)
            {
                exponent++; // a dropped integer digit still counts as a power of ten
            }
        }

        private static double ScaleByPowerOfTen(long mantissa, int exponent)
        {
            double value = mantissa;
            if (mantissa == 0)
            {
                return 0;
            }

            if (exponent >= 0)
            {
                while (exponent > 22)
                {
                    value *= 1e22;
                    exponent -= 22;
                    if (double.IsInfinity(value))
                    {
                        return value;
                    }
                }

                return value * DoublePowersOfTen[exponent];
            }

            while (exponent < -22)
            {
                value /= 1e22;
                exponent += 22;
                if (value == 0)
                {
                    return 0;
                }
            }

            return value / DoublePowersOfTen[-exponent];
        }

        private static bool IsDigit(byte b)
        {
            return b >= '0' && b <= '9';
        }

        private static int HexValue(byte b)
        {
            if (b >= '0' && b <= '9')
            {
                return b - '0';
            }

            if (b >= 'a' && b <= 'f')
            {
                return b - 'a' + 10;
            }

            if (b >= 'A' && b <= 'F')
            {
                return b - 'A' + 10;
            }

            return -1;
        }

        private static string Describe(byte b)
        {
            if (b > 0x20 && b < 0x7F)
            {
                // new string(c, 1), not c.ToString(): the host compiler turns "'" + c.ToString() into a Span-based
                // String.Concat overload that nanoFramework lacks (the API-surface test catches it).
                return "'" + new string((char)b, 1) + "'";
            }

            return "byte 0x" + HexByte(b);
        }

        private static string DescribeBare(byte b)
        {
            if (b > 0x20 && b < 0x7F)
            {
                return new string((char)b, 1);
            }

            return "(byte 0x" + HexByte(b) + ")";
        }

        private static string HexByte(byte b)
        {
            const string hex = "0123456789ABCDEF";
            return new string(new char[] { hex[b >> 4], hex[b & 0xF] });
        }
    }
}
