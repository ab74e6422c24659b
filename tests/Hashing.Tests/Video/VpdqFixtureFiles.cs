using LiveWatch.Hashing.Formats;
using LiveWatch.Hashing.Video;

namespace LiveWatch.Hashing.Tests.Video;

/// <summary>The vPDQ fixture files under <c>tests/fixtures/pdq/vpdq</c>, by video name.</summary>
internal static class VpdqFixtureFiles
{
    public const string Doorknob = "doorknob-hd-no-bar";
    public const string Doorknob128 = "doorknob-hd-no-bar-128x128";
    public const string DoorknobEverySecond = "doorknob-hd-no-bar-r1";
    public const string Padded = "test-padded-dimensions";
    public const string PaddedEverySecond = "test-padded-dimensions-r1";

    /// <summary>Hashes published upstream with the vPDQ sample videos (every frame).</summary>
    public static IReadOnlyList<VpdqFrame> Upstream(string name) =>
        HashListReader.ReadFile(Fixtures.Pdq($"vpdq/upstream-sample-hashes/{name}.txt")).VpdqFrames;

    /// <summary>Hashes regenerated with the reference hasher linked against FFmpeg 5.1.</summary>
    public static IReadOnlyList<VpdqFrame> Regenerated(string name) =>
        HashListReader.ReadFile(Fixtures.Pdq($"vpdq/regenerated-ffmpeg5.1/{name}.txt")).VpdqFrames;
}
