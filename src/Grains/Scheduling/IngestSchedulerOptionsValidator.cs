using Microsoft.Extensions.Options;

namespace LiveWatch.Grains.Scheduling;

/// <summary>Validates <see cref="IngestSchedulerOptions"/>; each failure names the configuration key to fix.</summary>
public sealed class IngestSchedulerOptionsValidator : IValidateOptions<IngestSchedulerOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, IngestSchedulerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        return errors.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(errors.Select(e => $"{IngestSchedulerOptions.SectionName}:{e}"));
    }
}
