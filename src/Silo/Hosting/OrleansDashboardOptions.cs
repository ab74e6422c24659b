using Microsoft.Extensions.Options;

namespace LiveWatch.Silo.Hosting;

/// <summary>Orleans' own dashboard, for operators (section <c>LiveWatch:OrleansDashboard</c>).</summary>
public sealed class OrleansDashboardOptions
{
    public const string SectionName = "LiveWatch:OrleansDashboard";

    /// <summary>
    /// Whether silos collect the dashboard's figures (a counter per grain call) and serve it. Every silo of a cluster
    /// must agree: the dashboard asks each silo for its figures.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Where it is served, behind the operator (Admin) role.</summary>
    public string Path { get; set; } = "/orleans";

    /// <summary>
    /// Whether its live log view is on. Off by default: logs name tenants and streams, which the dashboard's other views
    /// do not show.
    /// </summary>
    public bool ShowLogs { get; set; }

    /// <summary>Reads the section, with the defaults above for what it leaves out.</summary>
    public static OrleansDashboardOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(SectionName).Get<OrleansDashboardOptions>() ?? new OrleansDashboardOptions();
        if (!options.Path.StartsWith('/') || options.Path.Length < 2 || options.Path.EndsWith('/'))
        {
            throw new OptionsValidationException(SectionName, typeof(OrleansDashboardOptions),
                [$"{SectionName}:Path must start with '/' and name a path (for example /orleans); got '{options.Path}'."]);
        }

        return options;
    }
}
