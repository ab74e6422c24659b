using System.Net;
using System.Text.Json;

namespace LiveWatch.Sdk.Client;

/// <summary>
/// LiveWatch refused a call (or kept failing until the retries ran out): the HTTP status and the server's RFC 9457
/// problem <see cref="Title"/> and <see cref="Detail"/>, which say what was wrong and where. A refused decision on an
/// incident is the more specific <see cref="IncidentDecisionConflictException"/>.
/// </summary>
public class LiveWatchApiException : Exception
{
    /// <summary>A refusal with the server's problem details.</summary>
    public LiveWatchApiException(HttpStatusCode statusCode, string? title, string? detail)
        : base(Describe(statusCode, title, detail))
    {
        StatusCode = statusCode;
        Title = title;
        Detail = detail;
    }

    /// <inheritdoc />
    public LiveWatchApiException()
        : this("LiveWatch refused the call.")
    {
    }

    /// <inheritdoc />
    public LiveWatchApiException(string message)
        : base(message)
    {
    }

    /// <inheritdoc />
    public LiveWatchApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The answer's HTTP status.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The problem's title (e.g. <c>Not found</c>), if the answer was a problem document.</summary>
    public string? Title { get; }

    /// <summary>The problem's detail: the server's own words about what was wrong (or the start of a non-problem body).</summary>
    public string? Detail { get; }

    /// <summary>Reads a refused answer's problem document (or whatever body it has).</summary>
    internal static async Task<LiveWatchApiException> FromResponseAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string body;
        try
        {
            body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            // The status alone still says what happened; a body cut off mid-way adds nothing reliable.
            body = string.Empty;
        }

        var (title, detail, incident) = Problem(body);
        title ??= response.ReasonPhrase;
        return response.StatusCode == HttpStatusCode.Conflict && incident is not null
            ? new IncidentDecisionConflictException(title, detail, incident)
            : new LiveWatchApiException(response.StatusCode, title, detail);
    }

    // A refused decision's problem carries the incident as it is now (member "incident").
    private static (string? Title, string? Detail, Models.IncidentSummary? Incident) Problem(string body)
    {
        if (body.Length == 0)
        {
            return (null, null, null);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                var incident = root.TryGetProperty("incident", out var value) && value.ValueKind == JsonValueKind.Object
                    ? value.Deserialize<Models.IncidentSummary>(LiveWatchJson.Options)
                    : null;
                return (Text(root, "title"), Text(root, "detail"), incident);
            }
        }
        catch (JsonException)
        {
            // Not a problem document (e.g. a proxy's HTML page): its start is the best detail there is.
        }

        return (null, body.Length <= 500 ? body : body[..500], null);
    }

    private static string? Text(JsonElement problem, string name) =>
        problem.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Describe(HttpStatusCode statusCode, string? title, string? detail) =>
        $"LiveWatch answered {(int)statusCode}{(title is null ? string.Empty : $" {title}")}{(detail is null ? string.Empty : $": {detail}")}";
}
