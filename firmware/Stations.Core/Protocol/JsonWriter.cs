using System;

namespace Stations.Core.Protocol
{
    /// <summary>
    /// Writes compact UTF-8 JSON into a reusable, fixed-size buffer without allocating per call.
    /// API is fixed (other Core code depends on it); the implementation is owned by the protocol work.
    /// </summary>
    public sealed class JsonWriter
    {
        /// <summary>Creates a writer whose output can never exceed <paramref name="capacityBytes"/>.</summary>
        public JsonWriter(int capacityBytes) { throw new NotImplementedException(); }

        /// <summary>The output bytes; valid from 0 to <see cref="Length"/>.</summary>
        public byte[] Buffer { get { throw new NotImplementedException(); } }

        /// <summary>Bytes written so far.</summary>
        public int Length { get { throw new NotImplementedException(); } }

        /// <summary>True when some write did not fit; the message is then incomplete and must not be sent.</summary>
        public bool Overflowed { get { throw new NotImplementedException(); } }

        /// <summary>Empties the writer for the next message.</summary>
        public void Reset() { throw new NotImplementedException(); }

        /// <summary>Starts an unnamed object (top level or array element).</summary>
        public void BeginObject() { throw new NotImplementedException(); }

        /// <summary>Starts a named object property.</summary>
        public void BeginObject(string name) { throw new NotImplementedException(); }

        /// <summary>Ends the current object.</summary>
        public void EndObject() { throw new NotImplementedException(); }

        /// <summary>Starts a named array property.</summary>
        public void BeginArray(string name) { throw new NotImplementedException(); }

        /// <summary>Ends the current array.</summary>
        public void EndArray() { throw new NotImplementedException(); }

        /// <summary>Writes a string property (escaped).</summary>
        public void String(string name, string value) { throw new NotImplementedException(); }

        /// <summary>Writes an integer property.</summary>
        public void Int(string name, long value) { throw new NotImplementedException(); }

        /// <summary>Writes a boolean property.</summary>
        public void Bool(string name, bool value) { throw new NotImplementedException(); }

        /// <summary>Writes a number rounded to <paramref name="decimals"/> places (0–6), without exponent or trailing zeros.</summary>
        public void Number(string name, double value, int decimals) { throw new NotImplementedException(); }

        /// <summary>Writes a property whose value is already-encoded JSON (e.g. a stored config object).</summary>
        public void Raw(string name, byte[] json, int offset, int count) { throw new NotImplementedException(); }

        /// <summary>Writes a string array element.</summary>
        public void StringValue(string value) { throw new NotImplementedException(); }

        /// <summary>Writes an integer array element.</summary>
        public void IntValue(long value) { throw new NotImplementedException(); }

        /// <summary>Returns the output as a string (tests and logs; allocates).</summary>
        public override string ToString() { throw new NotImplementedException(); }
    }
}
