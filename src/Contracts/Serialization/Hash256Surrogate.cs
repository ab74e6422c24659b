using LiveWatch.Hashing;

namespace LiveWatch.Contracts.Serialization;

/// <summary>
/// Orleans' wire form of <see cref="Hash256"/>: LiveWatch.Hashing stays free of Orleans, so the hash crosses grain
/// calls through this surrogate (four 64-bit lanes, 32 bytes).
/// </summary>
[GenerateSerializer, Immutable]
public readonly struct Hash256Surrogate
{
    public Hash256Surrogate(ulong lane0, ulong lane1, ulong lane2, ulong lane3)
    {
        Lane0 = lane0;
        Lane1 = lane1;
        Lane2 = lane2;
        Lane3 = lane3;
    }

    [Id(0)]
    public ulong Lane0 { get; }

    [Id(1)]
    public ulong Lane1 { get; }

    [Id(2)]
    public ulong Lane2 { get; }

    [Id(3)]
    public ulong Lane3 { get; }
}

/// <summary>Converts between <see cref="Hash256"/> and its Orleans surrogate.</summary>
[RegisterConverter]
public sealed class Hash256SurrogateConverter : IConverter<Hash256, Hash256Surrogate>
{
    public Hash256 ConvertFromSurrogate(in Hash256Surrogate surrogate) =>
        new(surrogate.Lane0, surrogate.Lane1, surrogate.Lane2, surrogate.Lane3);

    public Hash256Surrogate ConvertToSurrogate(in Hash256 value) =>
        new(value.GetLane(0), value.GetLane(1), value.GetLane(2), value.GetLane(3));
}
