using LiveWatch.Contracts.Risk;

namespace LiveWatch.Grains.Risk;

/// <summary>
/// Everything the risk policy remembers about one stream: a plain immutable value that a grain persists as it is
/// and hands back to <see cref="RiskEngine"/> with each frame. <c>default</c> is a valid fresh state (Clear, no
/// history); <see cref="Start"/> gives one with meaningful times.
/// </summary>
/// <remarks>
/// The score is stored as it was right after the last match, not as of the last update: it only ever changes by
/// decay between matches, and recomputing the decay from the last match (<see cref="RiskEngine.ScoreAt"/>) makes
/// every result independent of how often the stream was ticked.
/// </remarks>
/// <param name="Level">The current level.</param>
/// <param name="LevelEnteredAt">When the stream entered <paramref name="Level"/> (for a step down: when it became due).</param>
/// <param name="ScoreAtLastMatch">The score right after the last match was added (0 before any match).</param>
/// <param name="LastMatchAt">When the last (strong or weak) match was observed; null before any.</param>
/// <param name="LastUpdatedAt">The latest time the engine has seen (observation or tick); time never runs back from it.</param>
/// <param name="EpisodeNumber">How many episodes this stream has had; an episode starts when the stream leaves Clear.</param>
/// <param name="EpisodeStartedAt">When the current episode started; null at Clear.</param>
/// <param name="IncidentOpened">Whether the current episode has already asked for an incident.</param>
/// <param name="EpisodeStrongMatches">Strong matches in the current episode (the one that started it included); 0 at Clear.</param>
/// <param name="EpisodeWeakMatches">Weak matches in the current episode; 0 at Clear.</param>
/// <param name="FramesObserved">Frames observed over the stream's life (ticks are not frames).</param>
/// <param name="StrongMatches">Strong matches over the stream's life.</param>
/// <param name="WeakMatches">Weak matches over the stream's life.</param>
/// <param name="SuppressedFrames">Frames whose best match was in a negative bank, over the stream's life.</param>
[GenerateSerializer, Immutable]
public readonly record struct RiskState(
    [property: Id(0)] RiskLevel Level,
    [property: Id(1)] DateTimeOffset LevelEnteredAt,
    [property: Id(2)] double ScoreAtLastMatch,
    [property: Id(3)] DateTimeOffset? LastMatchAt,
    [property: Id(4)] DateTimeOffset LastUpdatedAt,
    [property: Id(5)] int EpisodeNumber,
    [property: Id(6)] DateTimeOffset? EpisodeStartedAt,
    [property: Id(7)] bool IncidentOpened,
    [property: Id(8)] int EpisodeStrongMatches,
    [property: Id(9)] int EpisodeWeakMatches,
    [property: Id(10)] long FramesObserved,
    [property: Id(11)] long StrongMatches,
    [property: Id(12)] long WeakMatches,
    [property: Id(13)] long SuppressedFrames)
{
    /// <summary>A fresh stream at Clear, first seen at <paramref name="startedAt"/>.</summary>
    public static RiskState Start(DateTimeOffset startedAt) =>
        default(RiskState) with { LevelEnteredAt = startedAt, LastUpdatedAt = startedAt };
}
