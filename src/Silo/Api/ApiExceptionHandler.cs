using LiveWatch.Hashing.Formats;
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
            _ => (0, string.Empty),
        };
        if (status == 0)
        {
            return false;
        }

        LogRefused(httpContext.Request.Method, httpContext.Request.Path, status, exception.Message);
        httpContext.Response.StatusCode = status;
        var context = new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = Detail(exception) },
        };
        if (exception is HashListFormatException list)
        {
            context.ProblemDetails.Extensions["errors"] = list.Errors.Select(e => e.ToString()).ToArray();
            context.ProblemDetails.Extensions["errorCount"] = list.ErrorCount;
        }

        return await problems.TryWriteAsync(context).ConfigureAwait(false);
    }

    /// <summary>ArgumentException appends "(Parameter 'x')"; the API's messages already name the field.</summary>
    private static string Detail(Exception exception) =>
        exception is ArgumentException { ParamName: { } name } argument
            ? argument.Message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal)
            : exception.Message;

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} refused with {Status}: {Reason}")]
    private partial void LogRefused(string method, PathString path, int status, string reason);
}
