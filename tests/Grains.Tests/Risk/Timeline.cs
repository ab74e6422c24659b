using System.Globalization;
using LiveWatch.Grains.Risk;

using LiveWatch.Contracts.Risk;

namespace LiveWatch.Grains.Tests.Risk;

/// <summary>
/// What a scripted stream produced, and its events as a table (time in seconds from the script's start | event |
/// detail) that tests compare with a table written out by hand.
/// </summary>
internal sealed class Timeline(IReadOnlyList<RiskAssessment> assessments)
{
    public IReadOnlyList<RiskAssessment> Assessments { get; } = assessments;

    public RiskState Final => Assessments[^1].State;

    public IReadOnlyList<RiskLevelChange> Changes => [.. Assessments.SelectMany(a => a.Changes)];

    public int IncidentsOpened => Assessments.Count(a => a.OpenIncident);

    /// <summary>The events, one row each: level changes, incident requests and automatic actions.</summary>
    public string Table()
    {
        var rows = new List<string> { Row("time (s)", "event", "detail") };
        foreach (var assessment in Assessments)
        {
            foreach (var change in assessment.Changes)
            {
                rows.Add(Row(SecondsOf(change.At), $"{change.From} -> {change.To}", Detail(change)));
            }

            if (assessment.OpenIncident)
            {
                rows.Add(Row(SecondsOf(assessment.At), "open incident", ""));
            }

            if (assessment.IsAutoActionDue)
            {
                rows.Add(Row(SecondsOf(assessment.At), $"auto-action {assessment.AutoAction}", ""));
            }
        }

        return string.Join("\n", rows);
    }

    /// <summary>Asserts the table, ignoring how the expected one is aligned.</summary>
    public void AssertTable(string expected) => Assert.Equal(Normalize(expected), Table());

    public static string SecondsOf(DateTimeOffset time) => Number((time - StreamScript.Start).TotalSeconds);

    private static string Detail(RiskLevelChange change) => change.Reason switch
    {
        RiskLevelChangeReason.ScoreReachedEnterThreshold => $"score {Number(change.Score)} reached {Number(change.Threshold)}",
        RiskLevelChangeReason.ScoreDecayedToLeaveThreshold => $"score decayed to {Number(change.Threshold)}",
        RiskLevelChangeReason.QuietPeriodElapsed => $"quiet period over, score {Number(change.Score)}",
        _ => change.Reason.ToString(),
    };

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Row(params string[] cells) => string.Join(" | ", cells).TrimEnd();

    private static string Normalize(string table) => string.Join("\n", table
        .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(line => Row([.. line.Split('|').Select(cell => cell.Trim())])));
}
