using Microsoft.Extensions.Options;

namespace LiveWatch.Dashboard.Hosting;

/// <summary>Refuses dashboard settings that would make no sense, naming the key.</summary>
public sealed class DashboardOptionsValidator : IValidateOptions<DashboardOptions>
{
    public ValidateOptionsResult Validate(string? name, DashboardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.SessionTimeout < TimeSpan.FromMinutes(1) || options.SessionTimeout > TimeSpan.FromDays(1))
        {
            errors.Add($"{DashboardOptions.SectionName}:SessionTimeout must be 1 minute..1 day, got {options.SessionTimeout}.");
        }

        if (options.MaxFailedLogins is < 1 or > 100)
        {
            errors.Add($"{DashboardOptions.SectionName}:MaxFailedLogins must be 1..100, got {options.MaxFailedLogins}.");
        }

        if (options.LockoutDuration < TimeSpan.FromSeconds(1))
        {
            errors.Add($"{DashboardOptions.SectionName}:LockoutDuration must be at least a second, got {options.LockoutDuration}.");
        }

        if (options.RevealDuration < TimeSpan.FromSeconds(1) || options.RevealDuration > TimeSpan.FromMinutes(10))
        {
            errors.Add($"{DashboardOptions.SectionName}:RevealDuration must be 1 s..10 min, got {options.RevealDuration}.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
