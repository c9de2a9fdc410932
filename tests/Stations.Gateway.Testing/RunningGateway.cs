using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Stations.Gateway.Testing;

/// <summary>A gateway started by <see cref="GatewayStarter"/>. Disposing it stops it and deletes the SQLite temp folder the starter made.</summary>
public sealed class RunningGateway : IAsyncDisposable
{
    bool stopped;

    internal RunningGateway(WebApplication app, int brokerPort, string? dataFolder)
    {
        App = app;
        BrokerPort = brokerPort;
        DataFolder = dataFolder;
    }

    /// <summary>The running app.</summary>
    public WebApplication App { get; }

    /// <summary>The services.</summary>
    public IServiceProvider Services => App.Services;

    /// <summary>The embedded broker's port (stations connect here unless the gateway uses an external broker).</summary>
    public int BrokerPort { get; }

    /// <summary>The SQLite temp folder the starter made (null on PostgreSQL or storage named in the configuration).</summary>
    public string? DataFolder { get; }

    /// <summary>The admin API token (<see cref="GatewayStarter.WithAdminApiToken"/>), else null.</summary>
    public string? AdminToken { get; internal set; }

    /// <summary>The HTTP base address, e.g. http://127.0.0.1:41234.</summary>
    public Uri BaseAddress => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>A service.</summary>
    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>An HTTP client for <see cref="BaseAddress"/>, with <paramref name="bearerToken"/> as its authorization when given.</summary>
    public HttpClient CreateClient(string? bearerToken = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (bearerToken != null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        }

        return client;
    }

    /// <summary>Stops the gateway and keeps its storage (for a restart from the same <see cref="GatewayStarter"/>). Safe to call twice.</summary>
    public async Task StopAsync()
    {
        if (stopped)
        {
            return;
        }

        stopped = true;
        await App.StopAsync().ConfigureAwait(false);
        await App.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Stops the gateway and deletes the SQLite temp folder the starter made.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        if (DataFolder != null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(DataFolder, recursive: true);
            }
            catch (IOException)
            {
                // a leftover temp folder is harmless
            }
        }
    }

    /// <summary>Releases the app after a failed start (a host that did not start cannot be stopped), keeping the start's own exception.</summary>
    internal async Task AbandonAsync()
    {
        stopped = true;
        try
        {
            await App.DisposeAsync().ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // already released
        }
    }
}
