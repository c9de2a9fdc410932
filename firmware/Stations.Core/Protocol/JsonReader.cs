using System;

namespace Stations.Core.Protocol
{
    /// <summary>
    /// A forward-only UTF-8 JSON pull reader over a byte range. Allocates only when a string value is asked for.
    /// API is fixed (other Core code depends on it); the implementation is owned by the protocol work.
    /// </summary>
    public sealed class JsonReader
    {
        /// <summary>Reads the bytes json[offset .. offset+count). Nesting deeper than 16 is an error.</summary>
        public JsonReader(byte[] json, int offset, int count) { throw new NotImplementedException(); }

        /// <summary>Restarts on a new byte range, reusing this reader.</summary>
        public void Reset(byte[] json, int offset, int count) { throw new NotImplementedException(); }

        /// <summary>Advances to the next token and returns it.</summary>
        public JsonToken Read() { throw new NotImplementedException(); }

        /// <summary>The current token.</summary>
        public JsonToken Token { get { throw new NotImplementedException(); } }

        /// <summary>True when the current property name equals <paramref name="name"/> (no allocation).</summary>
        public bool NameEquals(string name) { throw new NotImplementedException(); }

        /// <summary>The current property name or string value, unescaped (allocates).</summary>
        public string GetString() { throw new NotImplementedException(); }

        /// <summary>The current number as a double.</summary>
        public double GetDouble() { throw new NotImplementedException(); }

        /// <summary>The current number as a long; false when it has a fraction, exponent or does not fit.</summary>
        public bool TryGetInt64(out long value) { throw new NotImplementedException(); }

        /// <summary>After a PropertyName or at a StartObject/StartArray: skips the whole value.</summary>
        public void Skip() { throw new NotImplementedException(); }

        /// <summary>Byte offset where the current token starts (within the whole array).</summary>
        public int TokenStart { get { throw new NotImplementedException(); } }

        /// <summary>For StartObject/StartArray after <see cref="Skip"/>: the byte offset just after the value ends.</summary>
        public int ValueEnd { get { throw new NotImplementedException(); } }

        /// <summary>The error message when <see cref="Token"/> is Error, e.g. "unexpected ',' at byte 17", else null.</summary>
        public string Error { get { throw new NotImplementedException(); } }
    }
}
