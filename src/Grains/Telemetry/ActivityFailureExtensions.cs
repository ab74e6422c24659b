using System.Diagnostics;

namespace LiveWatch.Grains.Telemetry;

/// <summary>Marks a span as failed the way OpenTelemetry exporters read it (status Error plus an exception event).</summary>
internal static class ActivityFailureExtensions
{
    public static void RecordFailure(this Activity? activity, Exception exception)
    {
        if (activity is null)
        {
            return;
        }

        activity.AddException(exception);
        activity.SetStatus(ActivityStatusCode.Error, exception.Message);
    }
}
