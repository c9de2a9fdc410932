namespace Stations.Cli;

/// <summary>A command stops here: <see cref="Message"/> (already in the chosen language) goes to stderr, the process exits with <see cref="ExitCode"/>.</summary>
public sealed class CommandFailedException(int exitCode, string message) : Exception(message)
{
    /// <summary>One of <see cref="ExitCodes"/>.</summary>
    public int ExitCode { get; } = exitCode;
}
