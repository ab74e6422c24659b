namespace LiveWatch.Silo.Tests.Ingest;

/// <summary>The live ingest tests share one node process (starting one takes seconds) and run one after another.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SharedLiveNode : ICollectionFixture<LiveNode>
{
    public const string Name = "live-node";
}
