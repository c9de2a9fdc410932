using Microsoft.Extensions.Options;
using Stations.Gateway.Broker;
using Stations.Gateway.DeviceState;
using Stations.Gateway.Ingestion;
using Stations.Gateway.Rollups;
using Stations.Gateway.Storage;

namespace Stations.Gateway.Operations;

/// <summary>Checks every `Gateway:*` setting at start-up; each failure names the setting and the fix.</summary>
public sealed class GatewayOptionsValidator :
    IValidateOptions<StorageOptions>, IValidateOptions<BrokerOptions>, IValidateOptions<IngestionOptions>, IValidateOptions<StateOptions>, IValidateOptions<RollupOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.Provider == StorageProvider.Postgres && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            errors.Add("Gateway:Storage:ConnectionString is empty but Gateway:Storage:Provider is Postgres: set it, e.g. \"Host=db;Database=stations;Username=stations;Password=...\".");
        }

        if (options.Provider == StorageProvider.Sqlite && string.IsNullOrWhiteSpace(options.DataFolder))
        {
            errors.Add("Gateway:Storage:DataFolder is empty: set a writable folder for stations.db, e.g. \"/var/lib/stations\".");
        }

        if (options.RawRetentionDays < 0)
        {
            errors.Add($"Gateway:Storage:RawRetentionDays is {options.RawRetentionDays}: use 0 (keep for ever) or a number of days, e.g. 400.");
        }

        return Result(errors);
    }

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, BrokerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.Mode == BrokerMode.Embedded)
        {
            if (options.Port is < 0 or > 65535 || options.TlsPort is < 0 or > 65535)
            {
                errors.Add("Gateway:Broker:Port and Gateway:Broker:TlsPort must be between 0 and 65535 (0 disables that listener).");
            }

            if (options.Port == 0 && options.TlsPort == 0)
            {
                errors.Add("Gateway:Broker:Port and Gateway:Broker:TlsPort are both 0: enable at least one listener, e.g. Port=1883.");
            }

            if (options.TlsPort > 0 && (string.IsNullOrWhiteSpace(options.TlsCertificatePath) || !File.Exists(options.TlsCertificatePath)))
            {
                errors.Add($"Gateway:Broker:TlsCertificatePath '{options.TlsCertificatePath}' does not name an existing PFX file but Gateway:Broker:TlsPort is {options.TlsPort}: set the path or set TlsPort=0.");
            }

            if (!System.Net.IPAddress.TryParse(options.ListenAddress, out _))
            {
                errors.Add($"Gateway:Broker:ListenAddress '{options.ListenAddress}' is not an IP address: use e.g. 0.0.0.0 or 127.0.0.1.");
            }
        }
        else
        {
            if (string.IsNullOrWhiteSpace(options.Host))
            {
                errors.Add("Gateway:Broker:Host is empty but Gateway:Broker:Mode is External: set the broker's host name, e.g. emqx.internal.");
            }

            if (string.IsNullOrWhiteSpace(options.Username) || string.IsNullOrEmpty(options.Password))
            {
                errors.Add("Gateway:Broker:Username/Password are empty but Gateway:Broker:Mode is External: set the gateway's own broker credentials.");
            }

            if (options.ExternalPort is <= 0 or > 65535)
            {
                errors.Add($"Gateway:Broker:ExternalPort is {options.ExternalPort}: use the broker's port, e.g. 1883 or 8883.");
            }

            if (string.IsNullOrWhiteSpace(options.SharedGroup) || options.SharedGroup.IndexOfAny(['/', '+', '#']) >= 0)
            {
                errors.Add($"Gateway:Broker:SharedGroup '{options.SharedGroup}' is not a valid share name: use letters and digits, e.g. gateway.");
            }
        }

        return Result(errors);
    }

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, IngestionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.QueueCapacity < 1)
        {
            errors.Add($"Gateway:Ingestion:QueueCapacity is {options.QueueCapacity}: use a positive number, e.g. 5000.");
        }

        if (options.MaxBatchSize < 1)
        {
            errors.Add($"Gateway:Ingestion:MaxBatchSize is {options.MaxBatchSize}: use a positive number, e.g. 500.");
        }

        if (options.BatchDelayMs is < 0 or > 10_000)
        {
            errors.Add($"Gateway:Ingestion:BatchDelayMs is {options.BatchDelayMs}: use 0 … 10000 ms, e.g. 5.");
        }

        return Result(errors);
    }

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, StateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.OfflineAfterSeconds < 30)
        {
            errors.Add($"Gateway:State:OfflineAfterSeconds is {options.OfflineAfterSeconds}: use at least 30 s, more than the stations' telemetry period (e.g. 300).");
        }

        if (options.DoorLeftOpenMinutes < 1)
        {
            errors.Add($"Gateway:State:DoorLeftOpenMinutes is {options.DoorLeftOpenMinutes}: use at least 1, e.g. 30.");
        }

        if (options.PresenceCheckSeconds < 1)
        {
            errors.Add($"Gateway:State:PresenceCheckSeconds is {options.PresenceCheckSeconds}: use at least 1, e.g. 30.");
        }

        return Result(errors);
    }

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, RollupOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.RecomputeEverySeconds < 1)
        {
            errors.Add($"Gateway:Rollups:RecomputeEverySeconds is {options.RecomputeEverySeconds}: use at least 1, e.g. 60.");
        }

        if (options.SummerComfortMinCelsius >= options.SummerComfortMaxCelsius || options.WinterComfortMinCelsius >= options.WinterComfortMaxCelsius)
        {
            errors.Add("Gateway:Rollups comfort bands are empty: each *ComfortMinCelsius must be below its *ComfortMaxCelsius.");
        }

        if (options.SummerMonths.Any(m => m is < 1 or > 12))
        {
            errors.Add("Gateway:Rollups:SummerMonths must list month numbers 1 … 12, e.g. [5,6,7,8,9].");
        }

        return Result(errors);
    }

    static ValidateOptionsResult Result(List<string> errors) => errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
}
