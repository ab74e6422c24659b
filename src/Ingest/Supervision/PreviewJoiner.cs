using LiveWatch.Ingest.Sampling;

namespace LiveWatch.Ingest.Supervision;

/// <summary>
/// Pairs one child's canvas n with its preview JPEG n (both outputs come from the same split, in the same order, but
/// arrive over different channels) so the preview carries the canvas's sequence and stream time.
/// </summary>
internal sealed class PreviewJoiner(PreviewRing ring, long baseSequence)
{
    private const int MaxPending = 64;
    private readonly Lock _gate = new();
    private readonly Dictionary<long, (double Seconds, DateTimeOffset CapturedAt)> _canvases = [];
    private readonly Dictionary<long, (byte[] Jpeg, int Width, int Height)> _previews = [];

    public void OnCanvas(long index, double streamSeconds, DateTimeOffset capturedAt)
    {
        lock (_gate)
        {
            if (_previews.Remove(index, out var preview))
            {
                Add(index, streamSeconds, capturedAt, preview);
            }
            else
            {
                _canvases[index] = (streamSeconds, capturedAt);
                Trim(_canvases, index);
            }
        }
    }

    public void OnPreview(long index, byte[] jpeg, int width, int height)
    {
        lock (_gate)
        {
            if (_canvases.Remove(index, out var canvas))
            {
                Add(index, canvas.Seconds, canvas.CapturedAt, (jpeg, width, height));
            }
            else
            {
                _previews[index] = (jpeg, width, height);
                Trim(_previews, index);
            }
        }
    }

    private static void Trim<T>(Dictionary<long, T> pending, long newest)
    {
        if (pending.Count > MaxPending)
        {
            foreach (var old in pending.Keys.Where(k => k < newest - MaxPending).ToList())
            {
                pending.Remove(old);
            }
        }
    }

    private void Add(long index, double seconds, DateTimeOffset capturedAt, (byte[] Jpeg, int Width, int Height) preview) =>
        ring.Add(new PreviewFrame(baseSequence + index, seconds, capturedAt, preview.Width, preview.Height, preview.Jpeg));
}
