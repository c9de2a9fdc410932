namespace Stations.Cli;

/// <summary>The process exit codes of every command (docs/cli.md).</summary>
public static class ExitCodes
{
    /// <summary>Success: the config is valid, the configs are equal, the flash was verified, provisioned, the self-test passed.</summary>
    public const int Ok = 0;

    /// <summary>The check failed: invalid config or pin, configs differ, the device does not run what was flashed, a self-test item failed, the gateway refused the request.</summary>
    public const int Failed = 1;

    /// <summary>Usage or IO error: bad arguments, a file that cannot be read, a file that is not JSON.</summary>
    public const int Usage = 2;

    /// <summary>A required external tool (nanoff) is not installed.</summary>
    public const int ToolMissing = 3;

    /// <summary>The gateway could not be reached, refused the token or sign-in, or failed.</summary>
    public const int GatewayError = 4;

    /// <summary>The station did not answer in time (offline, or busy): the command stays recorded on the gateway.</summary>
    public const int NoAnswer = 5;
}
