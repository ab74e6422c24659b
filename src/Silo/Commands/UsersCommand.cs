using LiveWatch.Dashboard.Accounts;
using LiveWatch.Dashboard.Hosting;
using LiveWatch.Silo.Hosting;
using LiveWatch.Storage.Accounts;
using LiveWatch.Storage.Hosting;
using Microsoft.Extensions.Options;

namespace LiveWatch.Silo.Commands;

/// <summary>
/// <c>LiveWatch.Silo users add --email E --role Moderator|Lead|Admin [--tenant T] [--password P]</c>: creates a
/// dashboard account (or grants an existing one a role) on the node's moderation store. Without <c>--password</c> a
/// random one is generated and printed once. An Admin without <c>--tenant</c> is platform-wide (the first Admin).
/// Same configuration sources as the silo, so it reaches the same store.
/// </summary>
internal static class UsersCommand
{
    private const string Usage =
        "usage: LiveWatch.Silo users add --email E --role Moderator|Lead|Admin [--tenant T] [--password P] [--Key=value settings]\n" +
        "       (a Moderator or Lead needs --tenant; an Admin without one is platform-wide; without --password one is generated and printed once)";

    public static bool Matches(string[] args) => args is ["users", ..];

    public static async Task<int> RunAsync(string[] args)
    {
        if (args is not ["users", "add", .. var rest] || !TryParse(rest, out var email, out var role, out var tenant, out var password, out var settings))
        {
            await Console.Error.WriteLineAsync(Usage).ConfigureAwait(false);
            return 2;
        }

        var builder = Host.CreateApplicationBuilder(settings);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.Logging.AddFilter("LiveWatch.Storage", LogLevel.Warning);
        var silo = builder.Configuration.GetSection(SiloOptions.SectionName).Get<SiloOptions>() ?? new SiloOptions();
        if (string.IsNullOrEmpty(builder.Configuration["Storage:DataDirectory"]))
        {
            builder.Configuration.AddInMemoryCollection([new("Storage:DataDirectory", Path.GetFullPath(silo.DataDirectory))]);
        }

        try
        {
            builder.Services.AddLiveWatchStorage(builder.Configuration);
            builder.Services.AddLiveWatchAccounts(builder.Configuration);
            using var host = builder.Build();
            if (host.Services.GetRequiredService<IOptions<StorageOptions>>().Value.ShouldMigrateOnStart)
            {
                // A node that never started yet has no tables; a cluster's store is migrated by the operator.
                await host.Services.GetRequiredService<IStorageMigrator>().MigrateAsync().ConfigureAwait(false);
            }

            var generated = password is null;
            password ??= DashboardUsers.NewPassword();
            await using var scope = host.Services.CreateAsyncScope();
            var created = await scope.ServiceProvider.GetRequiredService<DashboardUsers>()
                .AddAsync(email, password, role, tenant, "cli:users-add").ConfigureAwait(false);
            var where = tenant is null ? "platform-wide" : $"in tenant {tenant}";
            Console.WriteLine(created
                ? $"created {email}: {role} {where}" + (generated ? $"\npassword (shown once): {password}" : string.Empty)
                : $"{email} exists: now {role} {where} (password unchanged)");
            return 0;
        }
        catch (OptionsValidationException e)
        {
            await Console.Error.WriteLineAsync($"error: {string.Join(" ", e.Failures)}").ConfigureAwait(false);
            return 1;
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    private static bool TryParse(string[] args, out string email, out DashboardRole role, out string? tenant, out string? password, out string[] settings)
    {
        (email, role, tenant, password) = (string.Empty, DashboardRole.Moderator, null, null);
        var rest = new List<string>();
        var haveRole = false;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--email" when value is not null:
                    email = value;
                    i++;
                    break;
                case "--role" when value is not null && Enum.TryParse(value, ignoreCase: true, out role) && Enum.IsDefined(role):
                    haveRole = true;
                    i++;
                    break;
                case "--tenant" when value is not null:
                    tenant = value;
                    i++;
                    break;
                case "--password" when value is not null:
                    password = value;
                    i++;
                    break;
                case var setting when setting.StartsWith("--", StringComparison.Ordinal) && setting.Contains('=', StringComparison.Ordinal):
                    rest.Add(setting);
                    break;
                default:
                    settings = [];
                    return false;
            }
        }

        settings = [.. rest];
        return haveRole && email.Contains('@', StringComparison.Ordinal);
    }
}
