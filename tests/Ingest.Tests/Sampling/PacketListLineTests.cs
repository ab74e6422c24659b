using System.Diagnostics;
using LiveWatch.Ingest.Sampling;

namespace LiveWatch.Ingest.Tests.Sampling;

public sealed class PacketListLineTests
{
    [Fact]
    public async Task Only_the_video_keyframes_of_a_real_packet_list_count()
    {
        // 3 s of H.264 at 30 fps with a keyframe every 15 frames (x264 with B-frames) and AAC audio, listed the way the
        // sampler lists them: video mapped first, everything copied, framecrc.
        var start = new ProcessStartInfo("ffmpeg")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList =
            {
                "-v", "error", "-f", "lavfi", "-i", "testsrc2=s=320x180:r=30:d=3", "-f", "lavfi", "-i", "sine=d=3",
                "-c:v", "libx264", "-g", "15", "-keyint_min", "15", "-sc_threshold", "0", "-bf", "2", "-c:a", "aac",
                "-f", "matroska", "pipe:1",
            },
        };
        var encoded = Path.GetTempFileName();
        try
        {
            using (var encoder = Process.Start(start)!)
            await using (var file = File.Create(encoded))
            {
                await encoder.StandardOutput.BaseStream.CopyToAsync(file);
                await encoder.WaitForExitAsync();
                Assert.Equal(0, encoder.ExitCode);
            }

            var list = new ProcessStartInfo("ffmpeg")
            {
                RedirectStandardOutput = true,
                ArgumentList = { "-v", "error", "-i", encoded, "-map", "0:v", "-map", "0:a?", "-c", "copy", "-f", "framecrc", "pipe:1" },
            };
            using var lister = Process.Start(list)!;
            var lines = (await lister.StandardOutput.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            await lister.WaitForExitAsync();

            Assert.Contains(lines, l => l.StartsWith("1,", StringComparison.Ordinal)); // the audio is there, and ignored
            Assert.Equal(90, lines.Count(l => l.StartsWith("0,", StringComparison.Ordinal)));
            Assert.Equal(6, lines.Count(l => PacketListLine.IsVideoKeyframe(l)));
            Assert.DoesNotContain(lines, l => l.StartsWith('#') && PacketListLine.IsVideoKeyframe(l));
        }
        finally
        {
            File.Delete(encoded);
        }
    }

    [Theory]
    [InlineData("0,        -67,          0,       33,   272910, 0x925cd871", true)]
    [InlineData("0,        -33,        100,       33,   253547, 0x0108c8d1, F=0x0", false)]
    [InlineData("1,          0,          0,     1024,      371, 0x8e7a3a11", false)]
    [InlineData("#tb 0: 1/1000", false)]
    [InlineData("0, garbage", false)]
    [InlineData("", false)]
    public void Reads_one_line(string line, bool keyframe) => Assert.Equal(keyframe, PacketListLine.IsVideoKeyframe(line));
}
