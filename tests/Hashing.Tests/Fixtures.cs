namespace LiveWatch.Hashing.Tests;

/// <summary>
/// Finds the test data kept in the repository, wherever the tests run from: walks up from the test binaries to the
/// folder holding <c>LiveWatch.sln</c>.
/// </summary>
public static class Fixtures
{
    private const string SolutionFileName = "LiveWatch.sln";

    private static readonly Lazy<string> RepositoryRoot = new(FindRepositoryRoot);

    /// <summary>The repository root (the folder holding <c>LiveWatch.sln</c>).</summary>
    public static string Root => RepositoryRoot.Value;

    /// <summary>
    /// The full path of a file or folder under <c>tests/fixtures/pdq</c> (forward slashes are fine); throws if it
    /// does not exist, so a missing fixture fails loudly instead of looking like empty data.
    /// </summary>
    public static string Pdq(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        var path = Path.GetFullPath(Path.Combine(Root, "tests", "fixtures", "pdq", relativePath));
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new FileNotFoundException($"Test fixture '{relativePath}' is not in tests/fixtures/pdq.", path);
        }

        return path;
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFileName)))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException(
            $"No {SolutionFileName} above {AppContext.BaseDirectory}; the tests expect to run inside the repository.");
    }
}
