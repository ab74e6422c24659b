using Microsoft.Extensions.Options;

namespace LiveWatch.Silo.Hosting;

/// <summary>A mistyped collector address fails the start with a clear message instead of silently exporting nothing.</summary>
internal sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrEmpty(options.OtlpEndpoint))
        {
            return ValidateOptionsResult.Success;
        }

        return Uri.TryCreate(options.OtlpEndpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{TelemetryOptions.SectionName}:OtlpEndpoint must be an absolute http(s) address, got '{options.OtlpEndpoint}'.");
    }
}
