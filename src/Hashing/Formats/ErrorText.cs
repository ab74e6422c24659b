namespace LiveWatch.Hashing.Formats;

/// <summary>Renders bits of input inside error messages so they stay short and readable.</summary>
internal static class ErrorText
{
    private const int MaxQuotedLength = 40;

    /// <summary>The text in single quotes, cut to a few dozen characters.</summary>
    public static string Quote(ReadOnlySpan<char> text) =>
        text.Length <= MaxQuotedLength ? $"'{text}'" : $"'{text[..(MaxQuotedLength - 3)]}...'";

    /// <summary>A character in quotes, or its code point if it would not show.</summary>
    public static string Describe(char c) =>
        char.IsControl(c) || char.IsWhiteSpace(c) ? $"U+{(int)c:X4}" : $"'{c}'";
}
