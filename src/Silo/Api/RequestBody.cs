using System.Buffers;
using Microsoft.AspNetCore.Http.Features;

namespace LiveWatch.Silo.Api;

/// <summary>Reads request bodies under an endpoint's own size limit, refusing larger ones with 413 and saying the limit.</summary>
internal static class RequestBody
{
    public static async Task<byte[]> ReadAllAsync(HttpContext context, long maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await CopyToAsync(context, buffer, maxBytes, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }

    public static async Task CopyToAsync(HttpContext context, Stream destination, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(destination);
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            // The server's default (30 MB) is not the endpoint's: the check below is the one that counts.
            limit.MaxRequestBodySize = maxBytes + 1;
        }

        var request = context.Request;
        if (request.ContentLength > maxBytes)
        {
            throw TooLarge($"The body is {request.ContentLength} bytes; at most {maxBytes} are accepted.");
        }

        // Pooled: every frame push passes through here.
        var chunk = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            long total = 0;
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
                if (total > maxBytes)
                {
                    throw TooLarge($"The body is larger than the {maxBytes} bytes accepted.");
                }

                await destination.WriteAsync(chunk.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private static BadHttpRequestException TooLarge(string message) => new(message, StatusCodes.Status413PayloadTooLarge);
}
