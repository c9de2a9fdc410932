using System.CommandLine;

namespace Stations.Cli.Gateway;

/// <summary>The options every gateway command shares: --gateway, and --token or --user/--password.</summary>
public sealed class GatewayOptions
{
    private GatewayOptions(CliContext context, bool required)
    {
        var text = context.Text;
        Gateway = new Option<string>("--gateway") { Description = text[required ? "GatewayOption" : "FlashGatewayOption"], Required = required };
        Token = new Option<string?>("--token") { Description = text["TokenOption"] };
        User = new Option<string?>("--user") { Description = text["UserOption"] };
        Password = new Option<string?>("--password") { Description = text["PasswordOption"] };
    }

    /// <summary>The gateway's base URL.</summary>
    public Option<string> Gateway { get; }

    /// <summary>API token (default STATIONS_TOKEN).</summary>
    public Option<string?> Token { get; }

    /// <summary>User name for a password sign-in (default STATIONS_USER).</summary>
    public Option<string?> User { get; }

    /// <summary>Password for a password sign-in (default STATIONS_PASSWORD, else asked for on an interactive console).</summary>
    public Option<string?> Password { get; }

    /// <summary>Creates the options and adds them to <paramref name="command"/>.</summary>
    public static GatewayOptions AddTo(Command command, CliContext context, bool required = true)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        var options = new GatewayOptions(context, required);
        command.Options.Add(options.Gateway);
        command.Options.Add(options.Token);
        command.Options.Add(options.User);
        command.Options.Add(options.Password);
        return options;
    }

    /// <summary>What the user gave, with the environment's defaults filled in.</summary>
    public GatewaySignIn Read(ParseResult parse, CliContext context) => new(
        parse.GetValue(Gateway)!,
        parse.GetValue(Token) ?? context.Environment("STATIONS_TOKEN"),
        parse.GetValue(User) ?? context.Environment("STATIONS_USER"),
        parse.GetValue(Password) ?? context.Environment("STATIONS_PASSWORD"));
}

/// <summary>Where the gateway is and how to sign in to it.</summary>
public sealed record GatewaySignIn(string GatewayUrl, string? Token, string? User, string? Password);
