using LiveWatch.Silo.Hosting;
using LiveWatch.Storage.Entities;
using LiveWatch.Storage.Stores;
using Microsoft.Extensions.Options;

namespace LiveWatch.Silo.Api;

/// <summary>
/// A node with no operator key yet creates one at start so its first operator can onboard tenants. The token is
/// written to a file only its owner can read in the data directory (never logged); an operator who does not want
/// this turns <see cref="ApiOptions.CreateAdminKeyOnFirstStart"/> off and creates keys another way.
/// </summary>
internal sealed partial class FirstAdminKey(
    IServiceScopeFactory scopes, IOptions<ApiOptions> api, IOptions<SiloOptions> silo, ILogger<FirstAdminKey> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!api.Value.CreateAdminKeyOnFirstStart)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var keys = scope.ServiceProvider.GetRequiredService<ApiKeyStore>();
        var existing = await keys.ListAsync(null, cancellationToken).ConfigureAwait(false);
        var path = Path.Combine(Path.GetFullPath(silo.Value.DataDirectory), api.Value.AdminKeyFileName);
        if (existing.Any(k => k.Role == ApiKeyRole.Admin && k.RevokedAt is null))
        {
            if (File.Exists(path))
            {
                LogExisting(path);
            }

            return;
        }

        var created = await keys.CreateAsync(null, "first operator key", ApiKeyRole.Admin, cancellationToken).ConfigureAwait(false);
        var file = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            file.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var writer = new StreamWriter(path, System.Text.Encoding.ASCII, file))
        {
            await writer.WriteAsync(created.Token).ConfigureAwait(false);
        }

        LogCreated(created.Key.Prefix, path);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Created the first operator API key (lw_{Prefix}_…) and wrote it to {Path}: keep it secret, it can create tenants and banks")]
    private partial void LogCreated(string prefix, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Operator API key file: {Path}")]
    private partial void LogExisting(string path);
}
