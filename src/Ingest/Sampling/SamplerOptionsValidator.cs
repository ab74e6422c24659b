using Microsoft.Extensions.Options;

namespace LiveWatch.Ingest.Sampling;

/// <summary>Refuses sampler settings that would make ffmpeg misbehave or the supervisor spin, at start-up.</summary>
public sealed class SamplerOptionsValidator : IValidateOptions<SamplerOptions>
{
    public ValidateOptionsResult Validate(string? name, SamplerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.FfmpegPath))
        {
            failures.Add("FfmpegPath is empty.");
        }

        if (!double.IsFinite(options.FramesPerSecond) || options.FramesPerSecond <= 0 || options.FramesPerSecond > 60)
        {
            failures.Add("FramesPerSecond must be in (0, 60].");
        }

        if (options.PreviewWidth is < 16 or > 3840 || options.PreviewWidth % 2 != 0)
        {
            failures.Add("PreviewWidth must be an even number of pixels in [16, 3840].");
        }

        if (options.PreviewQuality is < 2 or > 31)
        {
            failures.Add("PreviewQuality must be in [2, 31].");
        }

        Positive(failures, options.PreviewWindow, nameof(options.PreviewWindow));
        Positive(failures, options.StallTimeout, nameof(options.StallTimeout));
        Positive(failures, options.ConnectTimeout, nameof(options.ConnectTimeout));
        Positive(failures, options.KeyframeFallbackAfter, nameof(options.KeyframeFallbackAfter));
        Positive(failures, options.InitialBackoff, nameof(options.InitialBackoff));
        Positive(failures, options.KillGrace, nameof(options.KillGrace));
        if (options.MaxBackoff < options.InitialBackoff)
        {
            failures.Add("MaxBackoff must be at least InitialBackoff.");
        }

        if (options.MaxWidth <= 0 || options.MaxHeight <= 0)
        {
            failures.Add("MaxWidth and MaxHeight must be positive.");
        }

        if (options.MaxBitrate <= 0)
        {
            failures.Add("MaxBitrate must be positive.");
        }

        if (options.BitrateWindow <= TimeSpan.Zero)
        {
            failures.Add("BitrateWindow must be positive.");
        }

        if (options.MaxRestarts < 0)
        {
            failures.Add("MaxRestarts must not be negative.");
        }

        if (options.SampleBuffer is < 1 or > 1024)
        {
            failures.Add("SampleBuffer must be in [1, 1024].");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Positive(List<string> failures, TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{name} must be positive.");
        }
    }
}
