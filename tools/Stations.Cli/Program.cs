using Spectre.Console;
using Stations.Cli;

// Composition root: the real console and environment; questions are asked only when a person is at the keyboard.
IAnsiConsole? prompts = Console.IsInputRedirected || Console.IsOutputRedirected ? null : AnsiConsole.Console;
return await CliApp.RunAsync(args, Console.Out, Console.Error, Environment.GetEnvironmentVariable, prompts).ConfigureAwait(false);
