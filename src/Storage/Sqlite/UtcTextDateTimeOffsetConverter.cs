using System.Globalization;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace LiveWatch.Storage.Sqlite;

/// <summary>
/// Stores a <see cref="DateTimeOffset"/> in SQLite as fixed-width UTC text (<c>2026-01-02T03:04:05.123456Z</c>).
/// EF Core's SQLite provider refuses to compare or order <see cref="DateTimeOffset"/> columns in SQL because its
/// default text form keeps the offset; in UTC with a fixed width, text order is time order, and the form stays
/// readable in the sqlite3 shell. Microseconds, like PostgreSQL's timestamptz.
/// </summary>
internal sealed class UtcTextDateTimeOffsetConverter : ValueConverter<DateTimeOffset, string>
{
    private const string Format = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'ffffff'Z'";

    public UtcTextDateTimeOffsetConverter()
        : base(value => ToText(value), text => FromText(text))
    {
    }

    private static string ToText(DateTimeOffset value) =>
        value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    private static DateTimeOffset FromText(string text) =>
        DateTimeOffset.ParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
