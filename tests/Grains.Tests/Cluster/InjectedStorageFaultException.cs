namespace LiveWatch.Grains.Tests.Cluster;

/// <summary>The failure the fault-injection storage throws in place of a write.</summary>
[GenerateSerializer]
public sealed class InjectedStorageFaultException : Exception
{
    public InjectedStorageFaultException()
        : base("Injected grain storage write failure.")
    {
    }

    public InjectedStorageFaultException(string message)
        : base(message)
    {
    }

    public InjectedStorageFaultException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
