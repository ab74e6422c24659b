using LiveWatch.Grains.Matching;
using LiveWatch.Hashing;

namespace LiveWatch.Grains.Monitoring;

/// <summary>One frame after hashing and matching.</summary>
public readonly record struct FrameAnalysis(long Sequence, Hash256 Hash, int Quality, FrameOutcome Outcome, FrameMatch Match);
