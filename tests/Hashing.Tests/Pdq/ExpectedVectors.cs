namespace LiveWatch.Hashing.Tests.Pdq;

/// <summary>Rows of the reference's expected-hash tables (tests/fixtures/pdq/expected).</summary>
internal static class ExpectedVectors
{
    public sealed record Row(string File, int Width, int Height, int Channels, string Mode, string Hash, int Quality);

    public sealed record DihedralRow(string File, string Mode, string[] Hashes, int Quality);

    public static IEnumerable<Row> Rows() =>
        File.ReadLines(Fixtures.Pdq("expected/pdq-expected.csv")).Skip(1).Where(l => l.Length > 0).Select(line =>
        {
            var f = line.Split(',');
            return new Row(f[0], Int(f[1]), Int(f[2]), Int(f[3]), f[4], f[5], Int(f[6]));
        });

    public static IEnumerable<DihedralRow> DihedralRows() =>
        File.ReadLines(Fixtures.Pdq("expected/pdq-dihedral-expected.csv")).Skip(1).Where(l => l.Length > 0).Select(line =>
        {
            var f = line.Split(',');
            return new DihedralRow(f[0], f[1], f[2..10], Int(f[10]));
        });

    public static bool IsRaster(string file) => file.StartsWith("pnm/", StringComparison.Ordinal) || file.StartsWith("synthetic/", StringComparison.Ordinal);

    private static int Int(string s) => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
}
