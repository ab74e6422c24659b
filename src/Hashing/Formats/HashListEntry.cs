namespace LiveWatch.Hashing.Formats;

/// <summary>One hash read from a hash list.</summary>
/// <param name="Hash">The PDQ hash.</param>
/// <param name="Id">The list's identifier for the hash (CSV <c>id</c> column), or null if the list has none or it is empty.</param>
/// <param name="Label">The list's label for the hash (CSV <c>label</c> column), or null if the list has none or it is empty.</param>
/// <param name="LineNumber">The 1-based line the entry starts on, for messages that point back into the file.</param>
public sealed record HashListEntry(Hash256 Hash, string? Id, string? Label, int LineNumber);
