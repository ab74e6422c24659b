using System.Diagnostics;
using System.Globalization;
using System.Net;
using LiveWatch.Tests.Common;

namespace LiveWatch.Cluster.Tests.Infrastructure;

/// <summary>
/// The moderators' dashboard as its own process (<c>dotnet LiveWatch.Dashboard.dll</c>) with the silos' settings: an
/// Orleans client of the cluster (Redis clustering) and the shared PostgreSQL store.
/// </summary>
internal sealed class DashboardProcess : HostProcess
{
    public DashboardProcess(string dataDirectory, IReadOnlyDictionary<string, string> environment)
        : base(1, dataDirectory, environment)
    {
        BaseAddress = new Uri($"http://127.0.0.1:{LoopbackPorts.Free().ToString(CultureInfo.InvariantCulture)}");
    }

    public Uri BaseAddress { get; }

    /// <summary>Until the login page answers (the process has joined the cluster as a client and serves pages).</summary>
    public async Task WaitServingAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        await Poll.UntilAsync(
            async () =>
            {
                if (!IsRunning)
                {
                    throw new InvalidOperationException($"the dashboard exited during start:\n{Tail()}");
                }

                using var response = await http.GetAsync(new Uri("/dashboard/login", UriKind.Relative));
                return response.StatusCode;
            },
            status => status == HttpStatusCode.OK,
            "the stand-alone dashboard to serve its login page");
    }

    protected override ProcessStartInfo StartInfo() =>
        new("dotnet", [OwnBuild("Dashboard", "LiveWatch.Dashboard.dll"), "--urls", BaseAddress.ToString().TrimEnd('/')]);

    protected override void AddSettings(IDictionary<string, string?> environment)
    {
    }
}
