namespace LiveWatch.Tests.Common;

/// <summary>The checkout the tests run from (test pictures, the worker's build).</summary>
internal static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "LiveWatch.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No LiveWatch.sln above {AppContext.BaseDirectory}.");
    }
}
