namespace Stations.Cli;

/// <summary>Runs a command body and turns a <see cref="CommandFailedException"/> into its message on stderr and its exit code.</summary>
public static class CliGuard
{
    /// <summary>The body's exit code, or the failure's after printing its message.</summary>
    public static async Task<int> RunAsync(CliContext context, Func<Task<int>> body)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (CommandFailedException failure)
        {
            await context.Error.WriteLineAsync(failure.Message).ConfigureAwait(false);
            return failure.ExitCode;
        }
    }
}
