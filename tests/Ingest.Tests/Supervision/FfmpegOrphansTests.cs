using System.Globalization;
using LiveWatch.Ingest.Supervision;
using LiveWatch.Ingest.Tests.Publishers;

namespace LiveWatch.Ingest.Tests.Supervision;

/// <summary>What a crashed worker left behind is found by its marker and cleaned at the next start.</summary>
[Collection(FfmpegTests.Name)]
public sealed class FfmpegOrphansTests
{
    [Fact]
    public async Task Children_of_a_gone_worker_are_killed_and_its_socket_folder_deleted()
    {
        // A pid no process has: the "previous incarnation".
        const int goneWorker = 4_000_000;
        var marker = $"{FfmpegOrphans.MarkerPrefix(goneWorker)}1-1";
        using var orphan = FfmpegPublisher.Run($"-hide_banner -v error -re -f lavfi -i testsrc2=size=64x64:rate=5 -t 60 -f null -metadata {marker} -");
        var root = Directory.CreateTempSubdirectory("lw-orphans-").FullName;
        var stale = Directory.CreateDirectory(Path.Combine(root, string.Create(CultureInfo.InvariantCulture, $"w{goneWorker}"))).FullName;
        await File.WriteAllTextAsync(Path.Combine(stale, "1-1.sock"), string.Empty);
        var mine = Directory.CreateDirectory(Path.Combine(root, string.Create(CultureInfo.InvariantCulture, $"w{Environment.ProcessId}"))).FullName;
        try
        {
            while (FfmpegProcesses.Carrying(marker).Count == 0)
            {
                await Task.Delay(20);
            }

            var cleanup = FfmpegOrphans.Clean(root);

            Assert.Contains(orphan.Pid, cleanup.KilledProcessIds);
            Assert.Contains(stale, cleanup.DeletedPaths);
            Assert.True(Directory.Exists(mine));
            for (var i = 0; i < 100 && FfmpegProcesses.Carrying(marker).Count > 0; i++)
            {
                await Task.Delay(20);
            }

            Assert.Empty(FfmpegProcesses.Carrying(marker));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
