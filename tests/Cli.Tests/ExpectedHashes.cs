using System.Globalization;

namespace LiveWatch.Cli.Tests;

/// <summary>The reference's expected hashes (tests/fixtures/pdq/expected).</summary>
internal static class ExpectedHashes
{
    public sealed record Row(string File, string Mode, string Hash, int Quality);

    public sealed record DihedralRow(string File, string Mode, string Hashes, int Quality);

    public static IReadOnlyList<Row> Rows { get; } = File.ReadLines(Repository.Pdq("expected/pdq-expected.csv")).Skip(1)
        .Where(l => l.Length > 0)
        .Select(l => l.Split(','))
        .Select(f => new Row(f[0], f[4], f[5], int.Parse(f[6], CultureInfo.InvariantCulture)))
        .ToArray();

    public static IReadOnlyList<DihedralRow> DihedralRows { get; } = File.ReadLines(Repository.Pdq("expected/pdq-dihedral-expected.csv")).Skip(1)
        .Where(l => l.Length > 0)
        .Select(l => l.Split(','))
        .Select(f => new DihedralRow(f[0], f[1], string.Join(',', f[2..10]), int.Parse(f[10], CultureInfo.InvariantCulture)))
        .ToArray();

    public static bool IsRaster(string file) => file.StartsWith("pnm/", StringComparison.Ordinal) || file.StartsWith("synthetic/", StringComparison.Ordinal);
}
