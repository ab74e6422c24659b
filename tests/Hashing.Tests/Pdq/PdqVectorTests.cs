using LiveWatch.Hashing.Pdq;

namespace LiveWatch.Hashing.Tests.Pdq;

/// <summary>Bit-exactness against the reference on the decoder-independent rasters: every row is a test case.</summary>
public sealed class PdqVectorTests
{
    public static TheoryData<string, string, string, int> CoreAndCliRows()
    {
        var data = new TheoryData<string, string, string, int>();
        foreach (var row in ExpectedVectors.Rows().Where(r => ExpectedVectors.IsRaster(r.File)))
        {
            data.Add(row.File, row.Mode, row.Hash, row.Quality);
        }

        return data;
    }

    public static TheoryData<string, string, string, int> DihedralRows()
    {
        var data = new TheoryData<string, string, string, int>();
        foreach (var row in ExpectedVectors.DihedralRows().Where(r => ExpectedVectors.IsRaster(r.File)))
        {
            data.Add(row.File, row.Mode, string.Join(' ', row.Hashes), row.Quality);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CoreAndCliRows))]
    public void Hash_and_quality_match_the_reference(string file, string mode, string expectedHash, int expectedQuality)
    {
        var image = PnmImage.Load(Fixtures.Pdq(file));

        var result = PdqHasher.Compute(image.Pixels, image.Width, image.Height, image.Format, ParseMode(mode));

        Assert.Equal(expectedHash, result.Hash.ToString());
        Assert.Equal(expectedQuality, result.Quality);
    }

    [Theory]
    [MemberData(nameof(DihedralRows))]
    public void All_eight_dihedral_hashes_match_the_reference(string file, string mode, string expectedHashes, int expectedQuality)
    {
        var image = PnmImage.Load(Fixtures.Pdq(file));

        var result = PdqHasher.ComputeDihedral(image.Pixels, image.Width, image.Height, image.Format, ParseMode(mode));

        var actual = string.Join(' ', Enumerable.Range(0, 8).Select(v => result[(Dihedral)v].ToString()));
        Assert.Equal(expectedHashes, actual);
        Assert.Equal(expectedQuality, result.Quality);
    }

    [Fact]
    public void The_vector_tables_cover_every_raster_fixture()
    {
        var rasters = Directory.GetFiles(Fixtures.Pdq("pnm")).Concat(Directory.GetFiles(Fixtures.Pdq("synthetic")))
            .Select(p => Path.GetRelativePath(Fixtures.Pdq(""), p).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToArray();
        var covered = ExpectedVectors.Rows().Where(r => ExpectedVectors.IsRaster(r.File)).Select(r => r.File).Distinct().Order(StringComparer.Ordinal);

        Assert.Equal(16, rasters.Length);
        Assert.Equal(rasters, covered);
    }

    internal static PdqMode ParseMode(string mode) => mode switch
    {
        "core" => PdqMode.Core,
        "cli" => PdqMode.Cli512,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown mode in the expected table."),
    };
}
