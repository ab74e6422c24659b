using LiveWatch.Contracts.Errors;
using LiveWatch.Hashing.Formats;
using LiveWatch.Silo.Hosting;
using LiveWatch.Storage;
using LiveWatch.Storage.Stores;
using Microsoft.AspNetCore.Diagnostics;

namespace LiveWatch.Silo.Api;

/// <summary>
/// Bad input and conflicts become RFC 9457 problem details that say what was wrong; anything else stays a 500 whose
/// details are only logged. Exceptions thrown inside grains arrive here with their type intact (Orleans serializes them).
/// </summary>
internal sealed partial class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var (status, title) = exception switch
        {
            EntityNotFoundException => (StatusCodes.Status404NotFound, "Not found"),
            EntityConflictException or ConcurrencyConflictException => (StatusCodes.Status409Conflict, "Conflict"),
            HashListFormatException or BankImportException => (StatusCodes.Status400BadRequest, "The hash list was refused; nothing was imported"),
            UnsupportedContentTypeException => (StatusCodes.Status415UnsupportedMediaType, "Unsupported content type"),
            BadHttpRequestException bad => (bad.StatusCode, "Bad request"),
            ArgumentException or FormatException => (StatusCodes.Status400BadRequest, "Bad request"),
            // Redis (grain state) or the moderation store is down or slow: the grain dropped the batch from memory or rolled
            // its transaction back, so nothing is wrong with the call and the same call again (same run and sequences) is safe.
            _ when StoreFailures.Classify(exception) is { } store => (StatusCodes.Status503ServiceUnavailable, Unavailable(store)),
            _ => (0, string.Empty),
        };
        if (status == 0)
        {
            return false;
        }

        LogRefused(httpContext.Request.Method, httpContext.Request.Path, status, exception.Message);
        httpContext.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = "5";
        }

        var context = new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            // A 503's exception speaks of storage keys and endpoints: platforms get what to do instead.
            ProblemDetails =
            {
                Status = status,
                Title = title,
                Detail = status == StatusCodes.Status503ServiceUnavailable
                    ? "Retry after the Retry-After delay with the same run and sequences; frames already processed are ignored."
                    : Detail(exception),
            },
        };
        if (exception is HashListFormatException list)
        {
            context.ProblemDetails.Extensions["errors"] = list.Errors.Select(e => e.ToString()).ToArray();
            context.ProblemDetails.Extensions["errorCount"] = list.ErrorCount;
        }

        return await problems.TryWriteAsync(context).ConfigureAwait(false);
    }

    // "The cluster's state store (Redis) is unavailable; ...": the store named as the silos' own errors name it.
    private static string Unavailable(StoreKind store)
    {
        var name = StoreFailures.Describe(store);
        return $"{char.ToUpperInvariant(name[0])}{name[1..]} is unavailable; retry the same call, it is safe";
    }

    /// <summary>ArgumentException appends "(Parameter 'x')"; the API's messages already name the field.</summary>
    private static string Detail(Exception exception) =>
        exception is ArgumentException { ParamName: { } name } argument
            ? argument.Message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal)
            : exception.Message;

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} refused with {Status}: {Reason}")]
    private partial void LogRefused(string method, PathString path, int status, string reason);
}
