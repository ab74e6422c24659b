namespace LiveWatch.Storage.Stores;

/// <summary>One stored preview frame of an incident, without its bytes.</summary>
public sealed record PreviewFrameSummary(long Sequence, double StreamSeconds);
