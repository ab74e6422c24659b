using Microsoft.Extensions.Options;

namespace LiveWatch.Grains.Risk;

/// <summary>
/// Validates <see cref="RiskPolicyOptions"/> bound from configuration, so that a host with a broken policy fails at
/// start-up (with <c>ValidateOnStart</c>) rather than at a stream's first frame. Same rules as
/// <see cref="RiskPolicyOptions.Validate"/>.
/// </summary>
public sealed class RiskPolicyOptionsValidator : IValidateOptions<RiskPolicyOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, RiskPolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
