using LiveWatch.Silo.Webhooks;
using Microsoft.Extensions.Options;

namespace LiveWatch.Webhooks.Tests.Delivery;

/// <summary>The retry schedule (pure: a seeded random, explicit times) and the settings' validation.</summary>
public sealed class WebhookBackoffTests
{
    private static readonly WebhookOptions Defaults = new();

    [Fact]
    public void Delays_double_from_the_initial_one_up_to_the_maximum_each_jittered_within_its_upper_half()
    {
        var random = new Random(7);
        var initial = TimeSpan.FromSeconds(10);
        var max = TimeSpan.FromMinutes(5);
        for (var attempt = 1; attempt <= 12; attempt++)
        {
            var nominal = TimeSpan.FromTicks(Math.Min(initial.Ticks << (attempt - 1), max.Ticks));
            for (var i = 0; i < 50; i++)
            {
                var delay = WebhookBackoff.Delay(attempt, initial, max, random);
                Assert.InRange(delay, nominal / 2, nominal);
            }
        }
    }

    [Fact]
    public void Jitter_spreads_endpoints_that_failed_together()
    {
        var random = new Random(11);
        var delays = Enumerable.Range(0, 20).Select(_ => WebhookBackoff.Delay(3, TimeSpan.FromSeconds(10), TimeSpan.FromHours(1), random)).ToHashSet();
        Assert.True(delays.Count > 15, $"only {delays.Count} distinct delays");
    }

    [Fact]
    public void The_last_attempt_is_made_at_the_end_of_the_window_and_after_it_the_message_is_dead()
    {
        var start = new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero);
        var random = new Random(3);

        var early = WebhookBackoff.NextAttempt(start.AddMinutes(1), start, 1, Defaults, random);
        Assert.InRange(early!.Value, start.AddMinutes(1).AddSeconds(5), start.AddMinutes(1).AddSeconds(10));
        var late = WebhookBackoff.NextAttempt(start + Defaults.RetryWindow - TimeSpan.FromMinutes(1), start, 20, Defaults, random);
        Assert.Equal(start + Defaults.RetryWindow, late);
        Assert.Null(WebhookBackoff.NextAttempt(start + Defaults.RetryWindow, start, 21, Defaults, random));
    }

    [Fact]
    public void Bad_settings_are_refused_with_the_key_named()
    {
        var options = new WebhookOptions
        {
            AttemptTimeout = TimeSpan.Zero,
            InitialBackoff = TimeSpan.FromMinutes(10),
            MaxBackoff = TimeSpan.FromMinutes(1),
            RetryWindow = TimeSpan.FromDays(90),
            BatchSize = 0,
        };
        options.AllowedPrivateHosts.Add(" ");

        var result = new WebhookOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        foreach (var key in new[] { "AttemptTimeout", "MaxBackoff", "RetryWindow", "BatchSize", "AllowedPrivateHosts" })
        {
            Assert.Contains($"LiveWatch:Webhooks:{key}", result.FailureMessage, StringComparison.Ordinal);
        }

        Assert.Equal(ValidateOptionsResult.Success, new WebhookOptionsValidator().Validate(null, Defaults));
    }
}
