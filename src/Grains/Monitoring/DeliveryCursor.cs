namespace LiveWatch.Grains.Monitoring;

/// <summary>
/// Remembers which (run, sequence) pairs a stream has already processed, so at-least-once delivery (a worker retries a
/// batch whose answer it did not get) is processed once in effect. Per run it keeps the highest sequence and a
/// 256-frame window below it; a handful of recent runs are kept because a restarted worker's old run may still retry.
/// </summary>
[GenerateSerializer]
public sealed class DeliveryCursor
{
    /// <summary>How many sequences below the highest one are remembered per run.</summary>
    public const int WindowSize = 256;

    /// <summary>How many runs are remembered.</summary>
    public const int MaxRuns = 8;

    // Most recently used last.
    [Id(0)]
    public List<RunWindow> Runs { get; set; } = [];

    /// <summary>
    /// True if (<paramref name="runId"/>, <paramref name="sequence"/>) is new (and records it); false for a repeat or a
    /// frame so late (more than <see cref="WindowSize"/> behind) that it cannot be told from one.
    /// </summary>
    public bool TryAccept(string runId, long sequence)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        var index = Runs.FindIndex(r => r.RunId == runId);
        RunWindow run;
        if (index < 0)
        {
            run = new RunWindow { RunId = runId };
            if (Runs.Count == MaxRuns)
            {
                Runs.RemoveAt(0);
            }
        }
        else
        {
            run = Runs[index];
            Runs.RemoveAt(index);
        }

        Runs.Add(run);
        return run.TryAccept(sequence);
    }

    /// <summary>The window of one run.</summary>
    [GenerateSerializer]
    public sealed class RunWindow
    {
        [Id(0)]
        public string RunId { get; set; } = string.Empty;

        /// <summary>Highest sequence seen, -1 before the first.</summary>
        [Id(1)]
        public long Highest { get; set; } = -1;

        /// <summary>Bit i set = sequence Highest - i seen (256 bits in four words).</summary>
        [Id(2)]
        public ulong[] Seen { get; set; } = new ulong[WindowSize / 64];

        internal bool TryAccept(long sequence)
        {
            if (sequence > Highest)
            {
                Shift(Highest < 0 ? WindowSize : sequence - Highest);
                Highest = sequence;
                Seen[0] |= 1;
                return true;
            }

            var offset = Highest - sequence;
            if (offset >= WindowSize)
            {
                return false;
            }

            var word = (int)(offset >> 6);
            var bit = 1UL << (int)(offset & 63);
            if ((Seen[word] & bit) != 0)
            {
                return false;
            }

            Seen[word] |= bit;
            return true;
        }

        // Moves the window up by `by` sequences: bit i becomes bit i + by.
        private void Shift(long by)
        {
            if (by >= WindowSize)
            {
                Array.Clear(Seen);
                return;
            }

            var words = (int)(by >> 6);
            var bits = (int)(by & 63);
            for (var i = Seen.Length - 1; i >= 0; i--)
            {
                var source = i - words;
                var value = source >= 0 ? Seen[source] << bits : 0;
                if (bits != 0 && source - 1 >= 0)
                {
                    value |= Seen[source - 1] >> (64 - bits);
                }

                Seen[i] = value;
            }
        }
    }
}
