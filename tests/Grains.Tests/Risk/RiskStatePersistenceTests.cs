using System.Text.Json;
using LiveWatch.Grains.Risk;

using LiveWatch.Contracts.Risk;

namespace LiveWatch.Grains.Tests.Risk;

/// <summary>
/// A grain persists <see cref="RiskState"/> between activations; the state must come back exactly, and a stream
/// continued from a stored state must behave as if it had never been stored.
/// </summary>
public sealed class RiskStatePersistenceTests
{
    [Fact]
    public void A_stream_continued_from_a_stored_state_has_the_same_timeline()
    {
        var engine = RiskEngine.Default;
        var frames = Enumerable.Range(0, 400)
            .Select(i => (At: StreamScript.At(i * 0.75), Frame: (i % 37) switch { 0 => Frames.Strong(), 5 or 9 => Frames.Weak(), 11 => Frames.Allowed(), _ => Frames.None }))
            .ToArray();

        var straight = RiskState.Start(StreamScript.Start);
        var stored = straight;
        var straightChanges = new List<RiskLevelChange>();
        var storedChanges = new List<RiskLevelChange>();
        foreach (var (at, frame) in frames)
        {
            var a = engine.Observe(straight, frame, at);
            straight = a.State;
            straightChanges.AddRange(a.Changes);

            var b = engine.Observe(stored, frame, at);
            stored = JsonSerializer.Deserialize<RiskState>(JsonSerializer.Serialize(b.State));
            storedChanges.AddRange(b.Changes);
        }

        Assert.NotEmpty(straightChanges);
        Assert.Equal(straightChanges, storedChanges);
        Assert.Equal(straight, stored);
    }

    [Fact]
    public void Every_member_survives_a_round_trip()
    {
        var state = new RiskState(RiskLevel.Critical, StreamScript.At(1.5), 11.896728515625 + 1e-13, StreamScript.At(2),
            StreamScript.At(2.25), 7, StreamScript.At(0), IncidentOpened: true, 5, 3, 123_456_789_012, 42, 17, 9);

        Assert.Equal(state, JsonSerializer.Deserialize<RiskState>(JsonSerializer.Serialize(state)));
    }

    [Fact]
    public void Tenant_options_survive_a_round_trip()
    {
        var options = RiskPolicyOptions.Default with
        {
            ScoreHalfLife = TimeSpan.FromSeconds(45),
            CriticalAutoAction = AutoAction.Blur,
            WatchSampling = new SamplingPolicy(SamplingMode.FullDecode, 6),
        };

        Assert.Equal(options, JsonSerializer.Deserialize<RiskPolicyOptions>(JsonSerializer.Serialize(options)));
    }
}
