namespace Stations.Cli;

/// <summary>The process exit codes of every command (docs/cli.md).</summary>
public static class ExitCodes
{
    /// <summary>Success: the config is valid, the configs are equal, the flash was verified.</summary>
    public const int Ok = 0;

    /// <summary>The check failed: invalid config, configs differ, the device does not run what was flashed.</summary>
    public const int Failed = 1;

    /// <summary>Usage or IO error: bad arguments, a file that cannot be read, a file that is not JSON.</summary>
    public const int Usage = 2;

    /// <summary>A required external tool (nanoff) is not installed.</summary>
    public const int ToolMissing = 3;

    /// <summary>The gateway could not be reached, refused the token, or failed.</summary>
    public const int GatewayError = 4;
}
