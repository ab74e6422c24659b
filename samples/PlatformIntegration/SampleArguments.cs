namespace LiveWatch.Samples.PlatformIntegration;

/// <summary>The sample's command line.</summary>
internal sealed record SampleArguments(Uri LiveWatch, string ApiKey, string StreamId, Uri Source, TimeSpan? Duration)
{
    public const string Usage = """
        usage: PlatformIntegration --livewatch URL --api-key KEY --stream ID --source URL [--seconds N]
          --livewatch URL  the LiveWatch node (e.g. http://127.0.0.1:8080)
          --api-key KEY    the platform's API key (lw_...), or LIVEWATCH_API_KEY
          --stream ID      the platform's id for the stream
          --source URL     where LiveWatch pulls the stream: rtmp://, rtmps://, srt:// or an HLS https:// URL
          --seconds N      stop after N seconds (default: until Ctrl+C)
        """;

    public static SampleArguments Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new ArgumentException($"Expected '--name value' pairs; '{args[i]}' has no value.");
            }

            values[args[i][2..]] = args[i + 1];
        }

        string Required(string name, string? fallback = null) =>
            values.TryGetValue(name, out var value) ? value : fallback ?? throw new ArgumentException($"--{name} is required.");

        Uri Url(string name) =>
            Uri.TryCreate(Required(name), UriKind.Absolute, out var uri) ? uri : throw new ArgumentException($"--{name} must be an absolute URL, got '{values[name]}'.");

        TimeSpan? duration = values.TryGetValue("seconds", out var s)
            ? int.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0 ? TimeSpan.FromSeconds(n) : throw new ArgumentException($"--seconds must be a positive integer, got '{s}'.")
            : null;
        return new SampleArguments(Url("livewatch"), Required("api-key", Environment.GetEnvironmentVariable("LIVEWATCH_API_KEY")), Required("stream"), Url("source"), duration);
    }
}
