using LiveWatch.Grains.Risk;

namespace LiveWatch.Grains.Tests.Risk;

public sealed class ObservationClassificationTests
{
    [Theory]
    [InlineData(0, 31, false, ObservationKind.StrongMatch)]
    [InlineData(16, 31, false, ObservationKind.StrongMatch)]
    [InlineData(17, 31, false, ObservationKind.WeakMatch)]
    [InlineData(31, 31, false, ObservationKind.WeakMatch)]
    [InlineData(32, 31, false, ObservationKind.NoMatch)]
    [InlineData(20, 24, false, ObservationKind.WeakMatch)] // a stricter bank
    [InlineData(25, 24, false, ObservationKind.NoMatch)]
    [InlineData(12, 10, false, ObservationKind.NoMatch)] // strong distance, but beyond this bank's threshold
    [InlineData(0, 31, true, ObservationKind.Suppressed)]
    [InlineData(31, 31, true, ObservationKind.Suppressed)]
    [InlineData(32, 31, true, ObservationKind.NoMatch)] // a far allow-list entry suppresses nothing
    public void A_best_match_is_classified_by_distance_bank_threshold_and_bank_kind(int distance, int threshold, bool negative, ObservationKind expected)
    {
        var observation = negative
            ? RiskObservation.NearestInNegativeBank(distance, threshold)
            : RiskObservation.Nearest(distance, threshold);

        Assert.Equal(expected, RiskEngine.Default.Classify(observation));
    }

    [Fact]
    public void No_candidate_is_no_match() =>
        Assert.Equal(ObservationKind.NoMatch, RiskEngine.Default.Classify(RiskObservation.NoMatch));

    [Fact]
    public void The_strong_cutoff_is_the_tenants()
    {
        var engine = new RiskEngine(RiskPolicyOptions.Default with { StrongDistanceCutoff = 10 });

        Assert.Equal(ObservationKind.StrongMatch, engine.Classify(RiskObservation.Nearest(10)));
        Assert.Equal(ObservationKind.WeakMatch, engine.Classify(RiskObservation.Nearest(11)));
    }

    [Fact]
    public void The_bank_threshold_defaults_to_the_usual_pdq_threshold()
    {
        Assert.Equal(31, RiskObservation.Nearest(5).BankThreshold);
        Assert.Equal("distance 5 (bank threshold 31)", RiskObservation.Nearest(5).ToString());
        Assert.Equal("negative-bank distance 3 (bank threshold 20)", RiskObservation.NearestInNegativeBank(3, 20).ToString());
        Assert.Equal("no match", RiskObservation.NoMatch.ToString());
    }

    [Fact]
    public void The_assessment_says_how_the_frame_was_classified()
    {
        var engine = RiskEngine.Default;
        var state = RiskState.Start(StreamScript.Start);

        Assert.Equal(ObservationKind.Suppressed, engine.Observe(state, Frames.Allowed(), StreamScript.Start).Observation);
        Assert.Equal(ObservationKind.WeakMatch, engine.Observe(state, Frames.Weak(), StreamScript.Start).Observation);
        Assert.Equal(ObservationKind.NoMatch, engine.Tick(state, StreamScript.Start).Observation);
    }
}
