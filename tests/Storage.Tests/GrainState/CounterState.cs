namespace LiveWatch.Storage.Tests.GrainState;

/// <summary>Grain state used by the grain storage tests (serialized by Orleans' generated serializer).</summary>
[GenerateSerializer]
public sealed class CounterState
{
    [Id(0)]
    public int Count { get; set; }

    [Id(1)]
    public string? Note { get; set; }
}
