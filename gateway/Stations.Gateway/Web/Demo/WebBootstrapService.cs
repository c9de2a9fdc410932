using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Stations.Gateway.Web.Auth;

namespace Stations.Gateway.Web.Demo;

/// <summary>At start (after the schema migrations): makes sure an administrator exists, and seeds the demo when asked.</summary>
public sealed class WebBootstrapService(UserStore users, DemoSeeder demo, IOptions<WebOptions> options, ILogger<WebBootstrapService> logger) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Demo.Enabled)
        {
            await demo.SeedAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        if (await users.CountAsync(cancellationToken).ConfigureAwait(false) == 0)
        {
            var password = options.Value.InitialAdminPassword;
            var generated = string.IsNullOrEmpty(password);
            if (generated)
            {
                password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('/', 'x').Replace('+', 'y');
            }

            await users.CreateAsync("admin", "Administrator", WebRoles.Administrator, null, password!, cancellationToken).ConfigureAwait(false);
            logger.LogWarning("Created the first administrator 'admin'{Password}. Change it on the admin screen.", generated ? " with password " + password : " with Web:InitialAdminPassword");
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
