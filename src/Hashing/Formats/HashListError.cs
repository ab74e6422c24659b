namespace LiveWatch.Hashing.Formats;

/// <summary>A problem with one line of a hash list.</summary>
/// <param name="Source">The file name, or the name the caller gave a stream.</param>
/// <param name="Line">The 1-based line number.</param>
/// <param name="Reason">What is wrong, in words an operator can act on.</param>
public sealed record HashListError(string Source, int Line, string Reason)
{
    /// <summary>The compiler-style form <c>source:line: reason</c>.</summary>
    public override string ToString() => $"{Source}:{Line}: {Reason}";
}
