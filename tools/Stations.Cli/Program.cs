using Stations.Cli;

// Composition root: the real console and environment.
return await CliApp.RunAsync(args, Console.Out, Console.Error, Environment.GetEnvironmentVariable).ConfigureAwait(false);
