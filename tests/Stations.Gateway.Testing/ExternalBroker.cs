namespace Stations.Gateway.Testing;

/// <summary>
/// An external MQTT broker the gateway connects to as a client (e.g. a <see cref="Stations.Testing.MosquittoServer"/>).
/// Keep <paramref name="ClientId"/> and <paramref name="SharedGroup"/> across restarts so the broker keeps the gateway's session.
/// </summary>
public sealed record ExternalBroker(string Host, int Port, string Username, string Password, string ClientId, string SharedGroup);
