namespace Stations.Gateway.Web.Auth;

/// <summary>What happened to a sign-in attempt.</summary>
public enum SignInOutcome
{
    /// <summary>Name and password match; the account is usable.</summary>
    Success,

    /// <summary>Unknown name or wrong password (not told apart, on purpose).</summary>
    Invalid,

    /// <summary>Too many failures: the account is locked for a while.</summary>
    LockedOut,

    /// <summary>The account is disabled.</summary>
    Disabled,
}
