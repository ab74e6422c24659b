namespace LiveWatch.Ingest.Tests.Publishers;

/// <summary>Tests that run real ffmpeg publishers and samplers share the machine's two cores: one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class FfmpegTests
{
    public const string Name = "ffmpeg";
}
