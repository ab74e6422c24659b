namespace LiveWatch.Storage.Tests.GrainState;

/// <summary>A grain with persistent state, to run the storage inside a real silo.</summary>
public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> IncrementAsync();

    Task<int> GetAsync();
}
