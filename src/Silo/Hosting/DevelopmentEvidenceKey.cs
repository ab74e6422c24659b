using System.Security.Cryptography;

namespace LiveWatch.Silo.Hosting;

/// <summary>
/// A single node with no configured evidence key generates one on first start and keeps it in its data directory
/// (owner-only permissions), so a demo works out of the box and restarts can still read their evidence. Production
/// sets <c>LiveWatch:Evidence:Key</c> from a secret store instead; the key never lives in the repository.
/// </summary>
internal static class DevelopmentEvidenceKey
{
    public const string FileName = "evidence.key";

    public static string LoadOrCreate(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, FileName);
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }

        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(path, System.Text.Encoding.ASCII, options))
        {
            writer.Write(key);
        }

        return key;
    }
}
