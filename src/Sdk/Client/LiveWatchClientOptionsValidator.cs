using Microsoft.Extensions.Options;

namespace LiveWatch.Sdk.Client;

/// <summary>Refuses out-of-range <see cref="LiveWatchClientOptions"/> when they are first read, saying which option and why.</summary>
internal sealed class LiveWatchClientOptionsValidator : IValidateOptions<LiveWatchClientOptions>
{
    public ValidateOptionsResult Validate(string? name, LiveWatchClientOptions options) =>
        options.FindProblem() is { } problem ? ValidateOptionsResult.Fail(problem.Message) : ValidateOptionsResult.Success;
}
