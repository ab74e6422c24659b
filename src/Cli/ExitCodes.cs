namespace LiveWatch.Cli;

/// <summary>Process exit codes, the same for every command so scripts can rely on them.</summary>
internal static class ExitCodes
{
    /// <summary>Done; for <c>match</c>: something matched.</summary>
    public const int Success = 0;

    /// <summary>For <c>match</c> and <c>scan</c>: the work completed and nothing matched.</summary>
    public const int NoMatch = 1;

    /// <summary>Bad arguments, unreadable input or any other failure; the reason is on standard error.</summary>
    public const int Error = 2;
}
