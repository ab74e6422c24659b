namespace LiveWatch.Ingest.Sampling;

/// <summary>The evidence preview of the same frame as the <see cref="CanvasSample"/> with the same sequence.</summary>
public sealed record PreviewFrame(long Sequence, double StreamSeconds, DateTimeOffset CapturedAt, int Width, int Height, byte[] Jpeg);
