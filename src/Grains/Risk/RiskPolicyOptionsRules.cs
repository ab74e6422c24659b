using System.Globalization;

using LiveWatch.Contracts.Risk;

namespace LiveWatch.Grains.Risk;

/// <summary>
/// The consistency rules of <see cref="RiskPolicyOptions"/>. Each broken rule gives one sentence naming the
/// properties and their values, so that whoever edits a tenant's policy sees exactly what to change.
/// </summary>
internal static class RiskPolicyOptionsRules
{
    public static IReadOnlyList<string> Check(RiskPolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();

        if (options.ScoreHalfLife <= TimeSpan.Zero)
        {
            errors.Add($"ScoreHalfLife ({Format(options.ScoreHalfLife)}) must be positive.");
        }

        if (options.QuietPeriod < TimeSpan.Zero)
        {
            errors.Add($"QuietPeriod ({Format(options.QuietPeriod)}) must not be negative.");
        }

        var weightsValid = RequirePositive(errors, options.StrongMatchWeight, nameof(options.StrongMatchWeight))
            & RequirePositive(errors, options.WeakMatchWeight, nameof(options.WeakMatchWeight));
        if (weightsValid && options.StrongMatchWeight < options.WeakMatchWeight)
        {
            // Otherwise a closer match would raise the score less than a farther one.
            errors.Add($"StrongMatchWeight ({Format(options.StrongMatchWeight)}) must be at least WeakMatchWeight ({Format(options.WeakMatchWeight)}).");
        }

        if (options.StrongDistanceCutoff is < 0 or > RiskObservation.MaxDistance)
        {
            errors.Add($"StrongDistanceCutoff ({options.StrongDistanceCutoff}) must be a Hamming distance, 0..{RiskObservation.MaxDistance}.");
        }

        var enterValid = RequirePositive(errors, options.WatchEnterThreshold, nameof(options.WatchEnterThreshold))
            & RequirePositive(errors, options.AlertEnterThreshold, nameof(options.AlertEnterThreshold))
            & RequirePositive(errors, options.CriticalEnterThreshold, nameof(options.CriticalEnterThreshold));
        if (enterValid)
        {
            RequireGreater(errors, options.AlertEnterThreshold, nameof(options.AlertEnterThreshold), options.WatchEnterThreshold, nameof(options.WatchEnterThreshold));
            RequireGreater(errors, options.CriticalEnterThreshold, nameof(options.CriticalEnterThreshold), options.AlertEnterThreshold, nameof(options.AlertEnterThreshold));
        }

        var leaveValid = RequireFinite(errors, options.WatchLeaveThreshold, nameof(options.WatchLeaveThreshold))
            & RequireFinite(errors, options.AlertLeaveThreshold, nameof(options.AlertLeaveThreshold))
            & RequireFinite(errors, options.CriticalLeaveThreshold, nameof(options.CriticalLeaveThreshold));
        if (leaveValid)
        {
            if (options.WatchLeaveThreshold <= 0)
            {
                errors.Add($"WatchLeaveThreshold ({Format(options.WatchLeaveThreshold)}) must be positive: a decaying score never reaches zero, so the stream would never leave Watch.");
            }

            RequireGreater(errors, options.AlertLeaveThreshold, nameof(options.AlertLeaveThreshold), options.WatchLeaveThreshold, nameof(options.WatchLeaveThreshold));
            RequireGreater(errors, options.CriticalLeaveThreshold, nameof(options.CriticalLeaveThreshold), options.AlertLeaveThreshold, nameof(options.AlertLeaveThreshold));
        }

        if (enterValid && leaveValid)
        {
            // Hysteresis: a level is left at a lower score than the one it is entered at, so a score wavering
            // around one threshold cannot make the level flap.
            RequireLess(errors, options.WatchLeaveThreshold, nameof(options.WatchLeaveThreshold), options.WatchEnterThreshold, nameof(options.WatchEnterThreshold));
            RequireLess(errors, options.AlertLeaveThreshold, nameof(options.AlertLeaveThreshold), options.AlertEnterThreshold, nameof(options.AlertEnterThreshold));
            RequireLess(errors, options.CriticalLeaveThreshold, nameof(options.CriticalLeaveThreshold), options.CriticalEnterThreshold, nameof(options.CriticalEnterThreshold));
        }

        if (RequirePositive(errors, options.MaxScore, nameof(options.MaxScore))
            && enterValid && options.MaxScore < options.CriticalEnterThreshold)
        {
            errors.Add($"MaxScore ({Format(options.MaxScore)}) must be at least CriticalEnterThreshold ({Format(options.CriticalEnterThreshold)}), or Critical could never be reached.");
        }

        CheckSampling(errors, options.ClearSampling, nameof(options.ClearSampling));
        CheckSampling(errors, options.WatchSampling, nameof(options.WatchSampling));
        CheckSampling(errors, options.AlertSampling, nameof(options.AlertSampling));
        CheckSampling(errors, options.CriticalSampling, nameof(options.CriticalSampling));

        if (!Enum.IsDefined(options.CriticalAutoAction))
        {
            errors.Add($"CriticalAutoAction ({(int)options.CriticalAutoAction}) is not an AutoAction ({string.Join(", ", Enum.GetNames<AutoAction>())}).");
        }

        return errors;
    }

    private static void CheckSampling(List<string> errors, SamplingPolicy sampling, string name)
    {
        if (!Enum.IsDefined(sampling.Mode))
        {
            errors.Add($"{name}.Mode ({(int)sampling.Mode}) is not a SamplingMode ({string.Join(", ", Enum.GetNames<SamplingMode>())}).");
        }

        RequirePositive(errors, sampling.FramesPerSecond, $"{name}.FramesPerSecond");
    }

    private static bool RequireFinite(List<string> errors, double value, string name)
    {
        if (double.IsFinite(value))
        {
            return true;
        }

        errors.Add($"{name} ({Format(value)}) must be a finite number.");
        return false;
    }

    private static bool RequirePositive(List<string> errors, double value, string name)
    {
        // Written so that NaN fails too.
        if (double.IsFinite(value) && value > 0)
        {
            return true;
        }

        errors.Add($"{name} ({Format(value)}) must be a positive finite number.");
        return false;
    }

    private static void RequireGreater(List<string> errors, double value, string name, double other, string otherName)
    {
        if (!(value > other))
        {
            errors.Add($"{name} ({Format(value)}) must be greater than {otherName} ({Format(other)}).");
        }
    }

    private static void RequireLess(List<string> errors, double value, string name, double other, string otherName)
    {
        if (!(value < other))
        {
            errors.Add($"{name} ({Format(value)}) must be less than {otherName} ({Format(other)}).");
        }
    }

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Format(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);
}
