namespace LiveWatch.Hashing.Tests;

/// <summary>Finds the test fixtures in the repository (tests/fixtures), wherever the test assembly runs from.</summary>
public static class Fixtures
{
    private static readonly Lazy<string> s_root = new(FindRoot);

    /// <summary>The repository's <c>tests/fixtures</c> folder.</summary>
    public static string Root => s_root.Value;

    /// <summary>A path under <c>tests/fixtures/pdq</c>.</summary>
    public static string Pdq(string relativePath) => Path.Combine(Root, "pdq", relativePath);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LiveWatch.sln")))
            {
                return Path.Combine(dir.FullName, "tests", "fixtures");
            }
        }

        throw new DirectoryNotFoundException($"No LiveWatch.sln above {AppContext.BaseDirectory}: cannot locate tests/fixtures.");
    }
}
