using Microsoft.Extensions.Options;

namespace LiveWatch.Grains.Monitoring;

/// <summary>
/// Validates the defaults and every tenant's <see cref="StreamMonitorOptions"/> (named by tenant id). Each failure
/// names the configuration key to fix, with the tenant's section for a tenant, e.g.
/// <c>LiveWatch:Streams:Tenants:acme:Risk:StrongDistanceCutoff (300) must be ...</c>.
/// </summary>
public sealed class StreamMonitorOptionsValidator : IValidateOptions<StreamMonitorOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, StreamMonitorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count == 0)
        {
            return ValidateOptionsResult.Success;
        }

        var section = string.IsNullOrEmpty(name)
            ? StreamMonitorOptions.SectionName
            : $"{StreamMonitorOptions.SectionName}:{StreamMonitorOptions.TenantsSectionName}:{name}";
        return ValidateOptionsResult.Fail(errors.Select(e => $"{section}:{e}"));
    }
}
