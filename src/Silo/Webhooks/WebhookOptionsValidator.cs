using Microsoft.Extensions.Options;

namespace LiveWatch.Silo.Webhooks;

/// <summary>Bad webhook settings stop the host at start with the key named.</summary>
public sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        const string s = WebhookOptions.SectionName;
        Check(errors, options.PollInterval, TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(5), $"{s}:PollInterval");
        Check(errors, options.AttemptTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(5), $"{s}:AttemptTimeout");
        Check(errors, options.InitialBackoff, TimeSpan.FromMilliseconds(10), TimeSpan.FromHours(1), $"{s}:InitialBackoff");
        Check(errors, options.MaxBackoff, TimeSpan.FromMilliseconds(10), TimeSpan.FromDays(1), $"{s}:MaxBackoff");
        Check(errors, options.RetryWindow, TimeSpan.FromSeconds(1), TimeSpan.FromDays(30), $"{s}:RetryWindow");
        Check(errors, options.RotationOverlap, TimeSpan.Zero, TimeSpan.FromDays(30), $"{s}:RotationOverlap");
        if (options.MaxBackoff < options.InitialBackoff)
        {
            errors.Add($"{s}:MaxBackoff ({options.MaxBackoff}) must be at least InitialBackoff ({options.InitialBackoff}).");
        }

        if (options.BatchSize is < 1 or > 1000)
        {
            errors.Add($"{s}:BatchSize must be 1..1000, got {options.BatchSize}.");
        }

        if (options.MaxConcurrentDeliveries is < 1 or > 256)
        {
            errors.Add($"{s}:MaxConcurrentDeliveries must be 1..256, got {options.MaxConcurrentDeliveries}.");
        }

        if (options.AllowedPrivateHosts.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add($"{s}:AllowedPrivateHosts has an empty entry.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Check(List<string> errors, TimeSpan value, TimeSpan min, TimeSpan max, string key)
    {
        if (value < min || value > max)
        {
            errors.Add($"{key} must be {min}..{max}, got {value}.");
        }
    }
}
