using System.Diagnostics;

namespace LiveWatch.Cli.Tests;

/// <summary>
/// Benign test videos made with ffmpeg's lavfi sources: a test pattern, optionally with a bank picture spliced in
/// (the way a known picture appears in a live stream).
/// </summary>
internal static class SyntheticVideos
{
    private static readonly SemaphoreSlim s_lock = new(1, 1);

    /// <summary>testsrc2 for 6 s, then <paramref name="picture"/> for 4 s, then testsrc2 for 6 s (640x360, 10 fps, H.264).</summary>
    public static Task<string> SplicedAsync(string picture) => CreateAsync($"spliced-{Path.GetFileNameWithoutExtension(picture)}.mp4",
        "-f lavfi -i testsrc2=size=640x360:rate=10:duration=6", $"-loop 1 -framerate 10 -t 4 -i {picture}", "-f lavfi -i testsrc2=size=640x360:rate=10:duration=6",
        "-filter_complex [1]scale=640:360,setsar=1,format=yuv420p[b];[0][b][2]concat=n=3:v=1[out] -map [out]");

    /// <summary>testsrc2 for 10 s (640x360, 10 fps, H.264): nothing from any bank.</summary>
    public static Task<string> CleanAsync() => CreateAsync("clean.mp4", "-f lavfi -i testsrc2=size=640x360:rate=10:duration=10");

    private static async Task<string> CreateAsync(string name, params string[] parts)
    {
        var directory = Path.Combine(Path.GetTempPath(), "livewatch-tests-videos");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name);
        await s_lock.WaitAsync();
        try
        {
            if (File.Exists(path))
            {
                return path;
            }

            var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in "-v error -y".Split(' ').Concat(parts.SelectMany(p => p.Split(' ')))
                         .Concat("-c:v libx264 -g 20 -pix_fmt yuv420p".Split(' ')).Append(path + ".tmp.mp4"))
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var errors = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"ffmpeg could not make {name}: {errors}");
            }

            File.Move(path + ".tmp.mp4", path, overwrite: true);
            return path;
        }
        finally
        {
            s_lock.Release();
        }
    }
}
