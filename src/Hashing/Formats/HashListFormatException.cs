using System.Text;

namespace LiveWatch.Hashing.Formats;

/// <summary>
/// A hash list was rejected. <see cref="Errors"/> holds the problems found (up to
/// <see cref="HashListReadOptions.MaxRecordedErrors"/>); <see cref="ErrorCount"/> counts them all. The message lists
/// the first <see cref="MaxErrorsInMessage"/>, one per line, then how many more there are.
/// </summary>
public sealed class HashListFormatException : FormatException
{
    /// <summary>How many errors the message spells out.</summary>
    public const int MaxErrorsInMessage = 20;

    /// <summary>Creates the exception from the recorded errors and the total count (at least the number recorded).</summary>
    public HashListFormatException(IReadOnlyList<HashListError> errors, int errorCount)
        : base(BuildMessage(errors, errorCount))
    {
        Errors = errors;
        ErrorCount = Math.Max(errorCount, errors.Count);
    }

    /// <summary>Creates an exception with a message and no line errors.</summary>
    public HashListFormatException()
        : this("The hash list is not valid.")
    {
    }

    /// <summary>Creates an exception with a message and no line errors.</summary>
    public HashListFormatException(string message)
        : base(message)
    {
        Errors = [];
    }

    /// <summary>Creates an exception with a message, an inner exception and no line errors.</summary>
    public HashListFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    /// <summary>The errors, in file order (possibly fewer than <see cref="ErrorCount"/>).</summary>
    public IReadOnlyList<HashListError> Errors { get; }

    /// <summary>How many errors were found in all.</summary>
    public int ErrorCount { get; }

    private static string BuildMessage(IReadOnlyList<HashListError> errors, int errorCount)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0)
        {
            return "The hash list is not valid.";
        }

        var message = new StringBuilder();
        var shown = Math.Min(errors.Count, MaxErrorsInMessage);
        for (var i = 0; i < shown; i++)
        {
            if (i > 0)
            {
                message.Append('\n');
            }

            message.Append(errors[i].ToString());
        }

        var total = Math.Max(errorCount, errors.Count);
        if (total > shown)
        {
            message.Append("\nand ").Append(total - shown).Append(" more");
        }

        return message.ToString();
    }
}
