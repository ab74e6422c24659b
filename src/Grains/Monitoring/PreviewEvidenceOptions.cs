namespace LiveWatch.Grains.Monitoring;

/// <summary>
/// Which preview frames a stream's grain asks the worker for while an incident is open (section
/// <c>LiveWatch:Streams:Preview</c>): those from <see cref="Before"/> the first match to <see cref="After"/> the last.
/// </summary>
public sealed class PreviewEvidenceOptions
{
    /// <summary>Stream time before the first match. Default 10 s.</summary>
    public TimeSpan Before { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Stream time after the last match. Default 5 s.</summary>
    public TimeSpan After { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Once the stream is past the window, frames attached up to this close to its end complete it: the ring holds a
    /// frame every so often, not one at the exact end. Default 2 s.
    /// </summary>
    public TimeSpan CompleteWithin { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Stream time past the window after which the grain stops asking whatever was attached (the worker's ring may
    /// have lost the frames, say after a restart). Default 30 s.
    /// </summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>What is wrong with the values, or an empty list.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        foreach (var (name, value) in new[] { (nameof(Before), Before), (nameof(After), After), (nameof(CompleteWithin), CompleteWithin) })
        {
            if (value < TimeSpan.Zero || value > TimeSpan.FromMinutes(10))
            {
                errors.Add($"{name} must be 0..10 minutes, got {value}.");
            }
        }

        if (GiveUpAfter <= TimeSpan.Zero || GiveUpAfter > TimeSpan.FromHours(1))
        {
            errors.Add($"GiveUpAfter must be positive and at most an hour, got {GiveUpAfter}.");
        }

        return errors;
    }
}
