using LiveWatch.Grains.Monitoring;

namespace LiveWatch.Grains.Tests.Monitoring;

public sealed class DeliveryCursorTests
{
    [Fact]
    public void Repeats_are_refused_and_out_of_order_frames_accepted_once()
    {
        var cursor = new DeliveryCursor();

        Assert.True(cursor.TryAccept("run", 0));
        Assert.True(cursor.TryAccept("run", 5));
        Assert.True(cursor.TryAccept("run", 3));
        Assert.False(cursor.TryAccept("run", 3));
        Assert.False(cursor.TryAccept("run", 5));
        Assert.False(cursor.TryAccept("run", 0));
        Assert.True(cursor.TryAccept("run", 4));
    }

    [Fact]
    public void Runs_are_independent_and_the_oldest_run_is_forgotten()
    {
        var cursor = new DeliveryCursor();
        for (var run = 0; run <= DeliveryCursor.MaxRuns; run++)
        {
            Assert.True(cursor.TryAccept($"run-{run}", 1));
        }

        Assert.False(cursor.TryAccept($"run-{DeliveryCursor.MaxRuns}", 1));
        Assert.Equal(DeliveryCursor.MaxRuns, cursor.Runs.Count);
        Assert.True(cursor.TryAccept("run-0", 1)); // forgotten, so accepted again
    }

    [Fact]
    public void Frames_further_back_than_the_window_are_refused()
    {
        var cursor = new DeliveryCursor();
        Assert.True(cursor.TryAccept("run", 1000));

        Assert.False(cursor.TryAccept("run", 1000 - DeliveryCursor.WindowSize));
        Assert.True(cursor.TryAccept("run", 1000 - DeliveryCursor.WindowSize + 1));
    }

    [Fact]
    public void Matches_a_set_model_for_random_sequences_within_the_window()
    {
        var random = new Random(42);
        var cursor = new DeliveryCursor();
        var seen = new HashSet<long>();
        long highest = -1;
        for (var i = 0; i < 20_000; i++)
        {
            var sequence = Math.Max(0, highest + random.Next(-200, 40));
            var expected = !seen.Contains(sequence) && (highest - sequence) < DeliveryCursor.WindowSize;

            Assert.Equal(expected, cursor.TryAccept("run", sequence));
            if (expected)
            {
                seen.Add(sequence);
                highest = Math.Max(highest, sequence);
            }
        }
    }
}
