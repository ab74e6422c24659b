namespace LiveWatch.Silo.Demo;

/// <summary>
/// Demo mode (section <c>LiveWatch:Demo</c>; <c>./run.sh</c> turns it on unless given <c>--no-demo</c>): a demo tenant,
/// a dashboard Admin whose password is printed once, a bank made from benign test pictures, and a synthetic live
/// stream published by ffmpeg on 127.0.0.1 in which a bank picture appears every minute.
/// </summary>
public sealed class DemoOptions
{
    public const string SectionName = "LiveWatch:Demo";

    /// <summary>Whether the node seeds and runs the demo. Default false (run.sh sets it).</summary>
    public bool Enabled { get; set; }

    /// <summary>The demo tenant's id.</summary>
    public string TenantId { get; set; } = "demo";

    /// <summary>The demo Admin's login.</summary>
    public string AdminEmail { get; set; } = "admin@demo.livewatch.local";

    /// <summary>The benign pictures the demo bank is made of; the first one appears in the demo stream.</summary>
    public List<string> Pictures { get; } = [];

    /// <summary>The loopback RTMP port the demo publisher listens on. Default 19350.</summary>
    public int RtmpPort { get; set; } = 19350;

    /// <summary>How often the bank picture appears in the stream (for 10 s each time). Default 60 s.</summary>
    public TimeSpan PictureEvery { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The pictures to use: <see cref="Pictures"/>, or the test fixtures of the source tree.</summary>
    public IReadOnlyList<string> PicturesOrDefault() => Pictures.Count > 0
        ? Pictures
        : ["tests/fixtures/pdq/images/bridge-mods/aaa-orig.jpg", "tests/fixtures/pdq/images/bridge-mods/high-contrast.jpg"];
}
