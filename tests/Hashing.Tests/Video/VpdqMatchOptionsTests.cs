using LiveWatch.Hashing.Video;

namespace LiveWatch.Hashing.Tests.Video;

public sealed class VpdqMatchOptionsTests
{
    [Fact]
    public void Defaults_are_the_ecosystem_thresholds()
    {
        var options = VpdqMatchOptions.Default;

        Assert.Equal(31, options.DistanceThreshold);
        Assert.Equal(50, options.QualityThreshold);
        Assert.Equal(80, options.QueryMatchPercentThreshold);
        Assert.Equal(0, options.CompareMatchPercentThreshold);
        Assert.True(options.DeduplicateHashes);
        Assert.Same(options, VpdqMatcher.Default.Options);
    }

    [Fact]
    public void Accepts_the_ends_of_each_range()
    {
        var low = new VpdqMatchOptions { DistanceThreshold = 0, QualityThreshold = 0, QueryMatchPercentThreshold = 0, CompareMatchPercentThreshold = 0 };
        var high = low with { DistanceThreshold = 256, QualityThreshold = 100, QueryMatchPercentThreshold = 100, CompareMatchPercentThreshold = 100 };

        Assert.Equal((256, 100, 100.0, 100.0), (high.DistanceThreshold, high.QualityThreshold, high.QueryMatchPercentThreshold, high.CompareMatchPercentThreshold));
    }

    [Fact]
    public void Rejects_a_distance_outside_0_to_256()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new VpdqMatchOptions { DistanceThreshold = 257 });

        Assert.Equal("DistanceThreshold", error.ParamName);
        Assert.StartsWith("DistanceThreshold is a Hamming distance and must be 0..256, got 257.", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new VpdqMatchOptions { DistanceThreshold = -1 });
    }

    [Fact]
    public void Rejects_a_quality_outside_0_to_100()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => VpdqMatchOptions.Default with { QualityThreshold = 101 });

        Assert.Equal("QualityThreshold", error.ParamName);
        Assert.StartsWith("QualityThreshold is a PDQ quality and must be 0..100, got 101.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(100.5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Rejects_percentages_outside_0_to_100(double percent)
    {
        var query = Assert.Throws<ArgumentOutOfRangeException>(() => new VpdqMatchOptions { QueryMatchPercentThreshold = percent });
        var compare = Assert.Throws<ArgumentOutOfRangeException>(() => new VpdqMatchOptions { CompareMatchPercentThreshold = percent });

        Assert.Equal("QueryMatchPercentThreshold", query.ParamName);
        Assert.Equal("CompareMatchPercentThreshold", compare.ParamName);
        Assert.Contains("is a percentage and must be 0..100", query.Message, StringComparison.Ordinal);
    }
}
