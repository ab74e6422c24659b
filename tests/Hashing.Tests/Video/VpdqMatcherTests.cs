using CsCheck;
using LiveWatch.Hashing.Video;
using static LiveWatch.Hashing.Tests.Video.VpdqFixtureFiles;

namespace LiveWatch.Hashing.Tests.Video;

public sealed class VpdqMatcherTests
{
    private const int Precision = 9;

    // ---- Reference verdicts on the fixture files (distance 31, quality 50, query 80 %, compared 0 %) ----

    [Fact]
    public void Regenerated_doorknob_matches_upstream_doorknob_fully()
    {
        // FFmpeg versions decode the dark middle of this clip differently (up to 76 bits apart), but frames 35..94
        // have quality below 50 in both files and are dropped; the 60 frames left differ by at most 22 bits.
        var result = VpdqMatcher.Default.Match(Regenerated(Doorknob), Upstream(Doorknob));

        Assert.Equal(new VpdqMatchResult(100, 100, true, 60, 60, 60, 60), result);
    }

    [Fact]
    public void Regenerated_padded_video_is_bit_identical_to_upstream()
    {
        var regenerated = Regenerated(Padded);
        var upstream = Upstream(Padded);

        var result = VpdqMatcher.Default.Match(regenerated, upstream);

        // 150 frames, all quality 100; 27 repeat an earlier frame's hash exactly (static stretches) and count once.
        Assert.Equal(upstream, regenerated);
        Assert.Equal(new VpdqMatchResult(100, 100, true, 123, 123, 123, 123), result);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Different_videos_do_not_match(bool regeneratedQuery)
    {
        // Every doorknob hash is at least 96 bits from every padded-video hash: nothing comes near distance 31.
        var doorknob = regeneratedQuery ? Regenerated(Doorknob) : Upstream(Doorknob);
        var padded = regeneratedQuery ? Upstream(Padded) : Regenerated(Padded);

        var forward = VpdqMatcher.Default.Match(doorknob, padded);
        var backward = VpdqMatcher.Default.Match(padded, doorknob);

        Assert.Equal(new VpdqMatchResult(0, 0, false, 60, 123, 0, 0), forward);
        Assert.Equal(new VpdqMatchResult(0, 0, false, 123, 60, 0, 0), backward);
    }

    [Fact]
    public void Downscaled_128x128_hashes_match_across_decoders()
    {
        // Regenerated 128x128 keeps 60 frames, upstream 128x128 keeps 62: upstream frames 35 (quality 52) and 94
        // (quality 51) scored 49 when regenerated, so only upstream keeps them, and they are 42 and 88 bits from
        // every regenerated frame kept. So all 60 query hashes match, 60 of 62 compared ones do: 96.77 %.
        var result = VpdqMatcher.Default.Match(Regenerated(Doorknob128), Upstream(Doorknob128));

        Assert.True(result.IsMatch);
        Assert.Equal((60, 62, 60, 60), (result.QueryHashCount, result.CompareHashCount, result.QueryMatchedCount, result.CompareMatchedCount));
        Assert.Equal(100, result.QueryMatchPercent, Precision);
        Assert.Equal(6000.0 / 62, result.CompareMatchPercent, Precision);
    }

    [Fact]
    public void Downscaled_128x128_hashes_match_full_resolution_hashes()
    {
        // Shrinking frames to 128x128 before PDQ moves a few hashes past distance 31, not enough to break the match.
        // Upstream: 59 of 62 downscaled hashes have a full-resolution hash within 31, 59 of 60 the other way round.
        var upstream = VpdqMatcher.Default.Match(Upstream(Doorknob128), Upstream(Doorknob));
        Assert.True(upstream.IsMatch);
        Assert.Equal((62, 60, 59, 59), (upstream.QueryHashCount, upstream.CompareHashCount, upstream.QueryMatchedCount, upstream.CompareMatchedCount));
        Assert.Equal(5900.0 / 62, upstream.QueryMatchPercent, Precision);
        Assert.Equal(5900.0 / 60, upstream.CompareMatchPercent, Precision);

        // Regenerated (FFmpeg 5.1 scaling): 53 of 60 both ways, 88.3 %, still above 80 %.
        var regenerated = VpdqMatcher.Default.Match(Regenerated(Doorknob128), Regenerated(Doorknob));
        Assert.True(regenerated.IsMatch);
        Assert.Equal((60, 60, 53, 53), (regenerated.QueryHashCount, regenerated.CompareHashCount, regenerated.QueryMatchedCount, regenerated.CompareMatchedCount));
    }

    [Fact]
    public void A_one_hash_per_second_sample_matches_the_full_video_but_not_the_other_way_round()
    {
        // doorknob -r1 hashes frames 0, 30, 60, 90 with quality 100, 68, 0, 24: two take part, both within 2 bits
        // of upstream frame hashes, so the query side is 100 %. Those two hashes are near only 6 of the 60 upstream
        // hashes (the clip changes quickly): 10 %, fine for a match since the compared threshold is 0 %.
        var sample = Regenerated(DoorknobEverySecond);
        var full = Upstream(Doorknob);

        Assert.Equal(new VpdqMatchResult(100, 10, true, 2, 60, 2, 6), VpdqMatcher.Default.Match(sample, full));

        // As the query, the full video is only 10 % covered by the sample: no match. The rule is asymmetric on
        // purpose: "is this query (mostly) known content?".
        Assert.Equal(new VpdqMatchResult(10, 100, false, 60, 2, 6, 2), VpdqMatcher.Default.Match(full, sample));
    }

    [Fact]
    public void The_padded_one_hash_per_second_sample_matches_its_video()
    {
        // Five quality-100 hashes, bit-identical to the every-frame ones, so 100 %; 91 of the 123 distinct
        // every-frame hashes lie within 31 bits of one of the five (73.98 %). Reversed, 73.98 % < 80 %: no match.
        var sample = Regenerated(PaddedEverySecond);
        var full = Upstream(Padded);

        var forward = VpdqMatcher.Default.Match(sample, full);
        Assert.True(forward.IsMatch);
        Assert.Equal((5, 123, 5, 91), (forward.QueryHashCount, forward.CompareHashCount, forward.QueryMatchedCount, forward.CompareMatchedCount));
        Assert.Equal(9100.0 / 123, forward.CompareMatchPercent, Precision);

        var backward = VpdqMatcher.Default.Match(full, sample);
        Assert.False(backward.IsMatch);
        Assert.Equal(9100.0 / 123, backward.QueryMatchPercent, Precision);
    }

    [Fact]
    public void One_hash_per_second_samples_of_different_videos_do_not_match() =>
        Assert.Equal(
            new VpdqMatchResult(0, 0, false, 2, 5, 0, 0),
            VpdqMatcher.Default.Match(Regenerated(DoorknobEverySecond), Regenerated(PaddedEverySecond)));

    [Fact]
    public void Cpp_match_hashes_brute_numbers_are_reproducible()
    {
        // The C++ tool neither deduplicates nor counts distance 31 itself (it tests "< 31"). With those settings the
        // padded sample covers 116 of all 150 frames (77.33 %) instead of 91 of 123 distinct hashes.
        var cpp = new VpdqMatcher(new VpdqMatchOptions { DeduplicateHashes = false, DistanceThreshold = 30 });

        var result = cpp.Match(Regenerated(PaddedEverySecond), Upstream(Padded));

        Assert.Equal((5, 150, 5, 116), (result.QueryHashCount, result.CompareHashCount, result.QueryMatchedCount, result.CompareMatchedCount));
        Assert.Equal(11600.0 / 150, result.CompareMatchPercent, Precision);
    }

    // ---- Rules on small made-up inputs ----

    private static Hash256 WithLowBitsSet(int count) => new(count >= 64 ? ulong.MaxValue : (1UL << count) - 1, 0, 0, 0);

    private static VpdqFrame Frame(Hash256 hash, int quality = 100, int frameNumber = 0) =>
        new(frameNumber, quality, hash, frameNumber / 30.0);

    [Theory]
    [InlineData(31, true)]
    [InlineData(32, false)]
    public void The_distance_threshold_is_inclusive(int distance, bool matches)
    {
        var result = VpdqMatcher.Default.Match([Frame(WithLowBitsSet(distance))], [Frame(Hash256.Zero)]);

        Assert.Equal(matches, result.IsMatch);
        Assert.Equal(matches ? 100 : 0, result.QueryMatchPercent);
    }

    [Fact]
    public void Frames_below_the_quality_threshold_take_no_part()
    {
        VpdqFrame[] query = [Frame(Hash256.Zero, quality: 50), Frame(WithLowBitsSet(64), quality: 49)];

        var result = VpdqMatcher.Default.Match(query, [Frame(Hash256.Zero)]);

        Assert.Equal(new VpdqMatchResult(100, 100, true, 1, 1, 1, 1), result);
    }

    [Fact]
    public void Repeated_hashes_count_once_unless_deduplication_is_off()
    {
        var far = WithLowBitsSet(64);
        VpdqFrame[] query = [Frame(Hash256.Zero), Frame(Hash256.Zero), Frame(Hash256.Zero), Frame(far)];
        VpdqFrame[] target = [Frame(Hash256.Zero)];

        var deduplicated = VpdqMatcher.Default.Match(query, target);
        var counted = new VpdqMatcher(new VpdqMatchOptions { DeduplicateHashes = false }).Match(query, target);

        Assert.Equal(new VpdqMatchResult(50, 100, false, 2, 1, 1, 1), deduplicated);
        Assert.Equal(new VpdqMatchResult(75, 100, false, 4, 1, 3, 1), counted);
    }

    [Fact]
    public void Quality_filtering_comes_before_deduplication()
    {
        // The first occurrence is too dark to use; the later good one must still count.
        var prepared = VpdqMatcher.Default.Prepare([Frame(Hash256.Zero, quality: 10), Frame(Hash256.Zero, quality: 90)]);

        Assert.Equal(1, prepared.Count);
        Assert.Equal(2, prepared.SourceFrameCount);
    }

    [Theory]
    [InlineData(4, true)]
    [InlineData(3, false)]
    public void The_query_threshold_is_reached_at_exactly_eighty_percent(int matchingOutOfFive, bool isMatch)
    {
        var query = Enumerable.Range(0, 5)
            .Select(i => Frame(i < matchingOutOfFive ? WithLowBitsSet(i) : new Hash256(0, 0, 0, ulong.MaxValue << i), frameNumber: i))
            .ToArray();

        var result = VpdqMatcher.Default.Match(query, [Frame(Hash256.Zero)]);

        Assert.Equal(matchingOutOfFive * 20.0, result.QueryMatchPercent);
        Assert.Equal(isMatch, result.IsMatch);
    }

    [Fact]
    public void The_compared_threshold_can_demand_coverage_of_the_known_video()
    {
        VpdqFrame[] query = [Frame(Hash256.Zero)];
        VpdqFrame[] target = [Frame(Hash256.Zero), Frame(new Hash256(0, 0, 0, ulong.MaxValue))];

        var lenient = VpdqMatcher.Default.Match(query, target);
        var strict = new VpdqMatcher(new VpdqMatchOptions { CompareMatchPercentThreshold = 50.5 }).Match(query, target);

        Assert.Equal(new VpdqMatchResult(100, 50, true, 1, 2, 1, 1), lenient);
        Assert.Equal(new VpdqMatchResult(100, 50, false, 1, 2, 1, 1), strict);
    }

    [Fact]
    public void Nothing_to_compare_is_never_a_match()
    {
        var anything = new VpdqMatcher(new VpdqMatchOptions { QueryMatchPercentThreshold = 0, QualityThreshold = 60 });
        VpdqFrame[] good = [Frame(Hash256.Zero)];
        VpdqFrame[] dark = [Frame(Hash256.Zero, quality: 59)];

        Assert.Equal(new VpdqMatchResult(0, 0, false, 0, 1, 0, 0), anything.Match([], good));
        Assert.Equal(new VpdqMatchResult(0, 0, false, 1, 0, 0, 0), anything.Match(good, dark));
    }

    [Fact]
    public void Prepared_hashes_must_come_from_compatible_settings()
    {
        var prepared = VpdqMatcher.Default.Prepare([Frame(Hash256.Zero)]);
        var other = new VpdqMatcher(new VpdqMatchOptions { QualityThreshold = 70 });

        var error = Assert.Throws<ArgumentException>(() => other.Match(prepared, prepared));

        Assert.Equal("query", error.ParamName);
        Assert.StartsWith(
            "These hashes were prepared with quality threshold 50 and deduplication on, but this matcher uses 70 and on",
            error.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Prepared_and_unprepared_matching_agree_and_swapping_sides_swaps_the_percentages()
    {
        var frameGen = Gen.Select(Gen.Int[0, 100], Gen.Int[0, 3], Gen.ULong, (quality, lane, bits) =>
            Frame(lane switch { 0 => new Hash256(bits, 0, 0, 0), 1 => new Hash256(0, bits, 0, 0), 2 => new Hash256(0, 0, bits, 0), _ => new Hash256(0, 0, 0, bits) }, quality));
        Gen.Select(frameGen.Array[0, 12], frameGen.Array[0, 12]).Sample((query, target) =>
        {
            var matcher = new VpdqMatcher(new VpdqMatchOptions { DistanceThreshold = 40 });

            var direct = matcher.Match(query, target);
            var prepared = matcher.Match(matcher.Prepare(query), matcher.Prepare(target));
            var swapped = matcher.Match(target, query);

            Assert.Equal(direct, prepared);
            Assert.Equal(direct.QueryMatchPercent, swapped.CompareMatchPercent);
            Assert.Equal(direct.CompareMatchPercent, swapped.QueryMatchPercent);
            Assert.Equal(direct.QueryHashCount, swapped.CompareHashCount);
        });
    }
}
