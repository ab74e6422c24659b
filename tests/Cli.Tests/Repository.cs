namespace LiveWatch.Cli.Tests;

/// <summary>Paths in the repository, found from wherever the test assembly runs.</summary>
internal static class Repository
{
    private static readonly Lazy<string> s_root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LiveWatch.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No LiveWatch.sln above {AppContext.BaseDirectory}.");
    });

    public static string Root => s_root.Value;

    /// <summary>A path under tests/fixtures/pdq.</summary>
    public static string Pdq(string relativePath) => Path.Combine(Root, "tests", "fixtures", "pdq", relativePath);
}
