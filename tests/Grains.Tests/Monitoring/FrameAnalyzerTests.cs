using LiveWatch.Contracts.Banks;
using LiveWatch.Contracts.Ingest;
using LiveWatch.Grains.Matching;
using LiveWatch.Grains.Monitoring;
using LiveWatch.Grains.Tests.Matching;
using LiveWatch.Hashing;
using LiveWatch.Hashing.Indexing;
using LiveWatch.Hashing.Pdq;

namespace LiveWatch.Grains.Tests.Monitoring;

public sealed class FrameAnalyzerTests
{
    private readonly HashBankReplica _replica = new(new FlatHashIndex());

    [Fact]
    public void A_canvas_of_a_bank_picture_matches_and_so_does_its_mirror_image_with_dihedral_needles()
    {
        var canvas = Canvas(seed: 1);
        var mirrored = Mirror(canvas);
        var bankHash = PdqHasher.Compute(canvas, 64, 64, PixelFormat.Gray8).Hash;
        _replica.UpsertBank(new BankInfo(1, null, "demo", BankKind.Normal, 31, true));
        _replica.AddEntry(1, 9, bankHash);
        var dihedral = new FrameAnalyzer(_replica, "t", new FrameAnalyzerOptions());
        var plain = new FrameAnalyzer(_replica, "t", new FrameAnalyzerOptions { MatchDihedral = false, NearDuplicateBits = 0 });

        var direct = dihedral.Analyze(Frame(1, canvas));
        var flipped = new FrameAnalyzer(_replica, "t", new FrameAnalyzerOptions()).Analyze(Frame(2, mirrored));
        var flippedPlain = plain.Analyze(Frame(3, mirrored));

        Assert.Equal(FrameOutcome.Matched, direct.Outcome);
        Assert.Equal(9, direct.Match.EntryId);
        Assert.Equal(FrameOutcome.Matched, flipped.Outcome);
        Assert.NotEqual(0, flipped.Match.Variant);
        Assert.Equal(FrameOutcome.NoMatch, flippedPlain.Outcome);
    }

    [Fact]
    public void Low_quality_frames_are_not_matched()
    {
        var flat = Enumerable.Repeat((byte)128, 64 * 64).ToArray();
        _replica.UpsertBank(new BankInfo(1, null, "demo", BankKind.Normal, 31, true));
        _replica.AddEntry(1, 1, PdqHasher.Compute(flat, 64, 64, PixelFormat.Gray8).Hash);
        var analyzer = new FrameAnalyzer(_replica, "t", new FrameAnalyzerOptions());

        var result = analyzer.Analyze(Frame(1, flat));

        Assert.Equal(FrameOutcome.LowQuality, result.Outcome);
        Assert.Equal(0, result.Quality);
    }

    [Fact]
    public void A_near_duplicate_reuses_the_previous_result()
    {
        var canvas = Canvas(seed: 2);
        var hash = PdqHasher.Compute(canvas, 64, 64, PixelFormat.Gray8).Hash;
        _replica.UpsertBank(new BankInfo(1, null, "demo", BankKind.Normal, 31, true));
        _replica.AddEntry(1, 1, hash);
        var analyzer = new FrameAnalyzer(_replica, "t", new FrameAnalyzerOptions { MatchDihedral = false });

        var first = analyzer.Analyze(new PushedHash(1, DateTimeOffset.UnixEpoch, 0, hash, 90));
        var second = analyzer.Analyze(new PushedHash(2, DateTimeOffset.UnixEpoch, 1, HashBankReplicaTests.Flip(hash, 3), 90));
        var third = analyzer.Analyze(new PushedHash(3, DateTimeOffset.UnixEpoch, 2, HashBankReplicaTests.Flip(hash, 40), 90));

        Assert.Equal(FrameOutcome.Matched, first.Outcome);
        Assert.Equal(FrameOutcome.NearDuplicate, second.Outcome);
        Assert.True(second.Match.IsMatch);
        Assert.Equal(2, second.Sequence);
        Assert.Equal(FrameOutcome.NoMatch, third.Outcome);
    }

    private static SampledFrame Frame(long sequence, byte[] canvas) =>
        new(sequence, DateTimeOffset.UnixEpoch.AddSeconds(sequence), sequence, FramePicture.Canvas(canvas));

    private static byte[] Canvas(int seed)
    {
        var random = new Random(seed);
        var pixels = new byte[64 * 64];
        for (var y = 0; y < 64; y++)
        {
            for (var x = 0; x < 64; x++)
            {
                pixels[(y * 64) + x] = (byte)Math.Clamp(128 + (90 * Math.Sin((x / 5.0) + (y * y / 300.0))) + random.Next(-10, 10), 0, 255);
            }
        }

        return pixels;
    }

    private static byte[] Mirror(byte[] canvas)
    {
        var mirrored = new byte[canvas.Length];
        for (var y = 0; y < 64; y++)
        {
            for (var x = 0; x < 64; x++)
            {
                mirrored[(y * 64) + (63 - x)] = canvas[(y * 64) + x];
            }
        }

        return mirrored;
    }
}
