namespace Stations.Core.Protocol
{
    /// <summary>What <see cref="JsonReader.Read"/> found.</summary>
    public enum JsonToken
    {
        /// <summary>Nothing read yet.</summary>
        None = 0,
        /// <summary>`{`</summary>
        StartObject,
        /// <summary>`}`</summary>
        EndObject,
        /// <summary>`[`</summary>
        StartArray,
        /// <summary>`]`</summary>
        EndArray,
        /// <summary>An object key; compare it with <see cref="JsonReader.NameEquals"/>.</summary>
        PropertyName,
        /// <summary>A string value.</summary>
        String,
        /// <summary>A number value.</summary>
        Number,
        /// <summary>`true`</summary>
        True,
        /// <summary>`false`</summary>
        False,
        /// <summary>`null`</summary>
        Null,
        /// <summary>The end of the input after one complete top-level value.</summary>
        End,
        /// <summary>Malformed input; <see cref="JsonReader.Error"/> says what and where. Reading stops.</summary>
        Error
    }
}
