using LiveWatch.Contracts.Ingest;
using LiveWatch.Contracts.Streams;
using LiveWatch.Hashing;
using LiveWatch.Hashing.Pdq;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace LiveWatch.Contracts.Tests;

/// <summary>Every message survives Orleans' serializer unchanged (what crosses silos and clients).</summary>
public sealed class SerializationTests
{
    private static readonly Serializer s_serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    [Fact]
    public void Hash256_round_trips_through_its_surrogate()
    {
        var hash = Hash256.Parse("f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22");

        Assert.Equal(hash, RoundTrip(hash));
    }

    [Fact]
    public void Frame_and_hash_batches_round_trip()
    {
        var canvas = Enumerable.Range(0, 4096).Select(i => (byte)i).ToArray();
        var frames = new FrameBatch("run-1", [new SampledFrame(7, DateTimeOffset.UnixEpoch.AddSeconds(3), 3.5, FramePicture.Canvas(canvas))]);
        var hashes = new HashBatch("run-2", [new PushedHash(1, DateTimeOffset.UnixEpoch, 0.25, Hash256.Parse(new string('a', 64)), 87)]);

        var framesBack = RoundTrip(frames);
        var hashesBack = RoundTrip(hashes);

        Assert.Equal("run-1", framesBack.RunId);
        var frame = Assert.Single(framesBack.Frames);
        Assert.Equal(7, frame.Sequence);
        Assert.Equal(3.5, frame.StreamSeconds);
        Assert.Equal(PixelFormat.Gray8, frame.Picture.Format);
        Assert.Equal(canvas, frame.Picture.Pixels);
        Assert.Equal(hashes.Hashes[0], Assert.Single(hashesBack.Hashes));
    }

    [Fact]
    public void Stream_keys_round_trip_and_map_to_grain_keys()
    {
        var key = new StreamKey("platform-a", "channel_42");

        Assert.Equal(key, RoundTrip(key));
        Assert.Equal("platform-a/channel_42", key.ToGrainKey());
        Assert.Equal(key, StreamKey.FromGrainKey("platform-a/channel_42"));
    }

    [Theory]
    [InlineData("", "x", "tenant id is empty")]
    [InlineData("a/b", "x", "tenant id 'a/b' has a character that is not allowed at position 2 (allowed: letters, digits, '.', '_', '-', ':')")]
    [InlineData("a", "white space", "stream id 'white space' has a character that is not allowed at position 6 (allowed: letters, digits, '.', '_', '-', ':')")]
    public void Invalid_ids_are_rejected_with_what_and_where(string tenant, string stream, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => new StreamKey(tenant, stream));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    private static T RoundTrip<T>(T value) => s_serializer.Deserialize<T>(s_serializer.SerializeToArray(value))!;
}
