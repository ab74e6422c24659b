using System.Diagnostics;

namespace LiveWatch.Cli.Terminal;

/// <summary>
/// A single self-updating progress line on standard error, shown only when standard error is a terminal, so
/// redirected or piped runs (scripts, CI, tests) stay quiet and their output stays clean.
/// </summary>
internal sealed class ProgressLine : IDisposable
{
    private static readonly TimeSpan s_interval = TimeSpan.FromMilliseconds(100);
    private readonly string _label;
    private readonly bool _enabled;
    private readonly Stopwatch _sinceLastDraw = Stopwatch.StartNew();
    private int _drawnLength;

    public ProgressLine(string label, bool? enabled = null)
    {
        _label = label;
        _enabled = enabled ?? !Console.IsErrorRedirected;
    }

    /// <summary>Reports <paramref name="done"/> of <paramref name="total"/> units (total 0 or less when unknown).</summary>
    public void Report(long done, long total, string unit)
    {
        if (!_enabled || _sinceLastDraw.Elapsed < s_interval)
        {
            return;
        }

        _sinceLastDraw.Restart();
        var text = total > 0
            ? $"{_label}: {done:N0}/{total:N0} {unit} ({100.0 * done / total:0}%)"
            : $"{_label}: {done:N0} {unit}";
        Draw(text);
    }

    public void Dispose()
    {
        if (_enabled && _drawnLength > 0)
        {
            Console.Error.Write("\r" + new string(' ', _drawnLength) + "\r");
        }
    }

    private void Draw(string text)
    {
        var padding = Math.Max(0, _drawnLength - text.Length);
        Console.Error.Write("\r" + text + new string(' ', padding));
        _drawnLength = text.Length;
    }
}
