namespace Stations.Gateway.Web;

/// <summary>Settings under `Web`: the first administrator and the demo data.</summary>
public sealed class WebOptions
{
    /// <summary>Password of the `admin` user created when no user exists (random and logged when empty).</summary>
    public string? InitialAdminPassword { get; set; }

    /// <summary>Demo data: regions, one user per role, simulated stations registered with derived passwords.</summary>
    public WebDemoOptions Demo { get; set; } = new();
}

/// <summary>Settings under `Web:Demo`.</summary>
public sealed class WebDemoOptions
{
    /// <summary>Seed demo regions, users and stations at start (idempotent: a second run reuses them).</summary>
    public bool Enabled { get; set; }

    /// <summary>How many simulated stations to register.</summary>
    public int Stations { get; set; } = 24;

    /// <summary>Station id prefix, as the simulator's `--id-prefix` (ids are prefix-0001 …).</summary>
    public string IdPrefix { get; set; } = "sim";

    /// <summary>Shared demo secret: each station's MQTT password is the first 32 hex of HMAC-SHA256(secret, id), as the simulator derives it.</summary>
    public string Secret { get; set; } = "stations-demo-secret";

    /// <summary>File (in the data folder) where the demo logins are kept between runs.</summary>
    public string LoginsFile { get; set; } = "demo-logins.txt";
}
