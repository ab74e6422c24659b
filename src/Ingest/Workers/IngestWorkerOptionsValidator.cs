using Microsoft.Extensions.Options;

namespace LiveWatch.Ingest.Workers;

/// <summary>Refuses worker settings that cannot work, naming the key.</summary>
public sealed class IngestWorkerOptionsValidator : IValidateOptions<IngestWorkerOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, IngestWorkerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var section = IngestWorkerOptions.SectionName;
        if (options.Capacity < 1)
        {
            failures.Add($"{section}:Capacity must be at least 1 (was {options.Capacity}).");
        }

        if (options.BatchMaxFrames is < 1 or > 64)
        {
            failures.Add($"{section}:BatchMaxFrames must be 1..64 (was {options.BatchMaxFrames}).");
        }

        if (options.BatchMaxDelay <= TimeSpan.Zero || options.BatchMaxDelay > TimeSpan.FromSeconds(5))
        {
            failures.Add($"{section}:BatchMaxDelay must be more than 0 and at most 5 seconds (was {options.BatchMaxDelay}).");
        }

        if (options.MaxInFlightBatches is < 1 or > 16)
        {
            failures.Add($"{section}:MaxInFlightBatches must be 1..16 (was {options.MaxInFlightBatches}).");
        }

        if (options.RetryInitialDelay <= TimeSpan.Zero || options.RetryMaxDelay < options.RetryInitialDelay)
        {
            failures.Add($"{section}:RetryInitialDelay must be positive and at most RetryMaxDelay (were {options.RetryInitialDelay} and {options.RetryMaxDelay}).");
        }

        if (options.MaxConcurrentStarts is < 1 or > 64)
        {
            failures.Add($"{section}:MaxConcurrentStarts must be 1..64 (was {options.MaxConcurrentStarts}).");
        }

        if (options.StopTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{section}:StopTimeout must be positive (was {options.StopTimeout}).");
        }

        if (options.WorkerId is { Length: > 0 } id && (id.Length > 100 || id.Any(char.IsWhiteSpace)))
        {
            failures.Add($"{section}:WorkerId must be at most 100 characters without spaces (was '{id}').");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
