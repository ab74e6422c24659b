namespace LiveWatch.Hashing.Formats;

/// <summary>How a physical line ended; CSV keeps the exact ending inside quoted fields that span lines.</summary>
internal enum LineEnding
{
    /// <summary>The last line of the input, with no terminator.</summary>
    None = 0,

    /// <summary><c>\n</c>.</summary>
    Lf,

    /// <summary><c>\r\n</c>.</summary>
    CrLf,

    /// <summary>A lone <c>\r</c> (old Mac files), as <see cref="TextReader.ReadLine"/> also accepts.</summary>
    Cr,
}
