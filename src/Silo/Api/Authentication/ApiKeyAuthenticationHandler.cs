using System.Security.Claims;
using System.Text.Encodings.Web;
using LiveWatch.Storage.Stores;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace LiveWatch.Silo.Api.Authentication;

/// <summary>
/// Authenticates <c>Authorization: Bearer lw_…</c> (or <c>X-Api-Key</c>) against the moderation store, where only
/// the SHA-256 of each key's secret is kept. The principal carries the key's role and tenant; every endpoint takes
/// the tenant from it, never from the request.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyStore keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string BearerPrefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = ReadToken();
        if (token is null)
        {
            return AuthenticateResult.NoResult();
        }

        var verification = await keys.VerifyAsync(token, Context.RequestAborted).ConfigureAwait(false);
        if (!verification.IsValid)
        {
            return AuthenticateResult.Fail(verification.Status switch
            {
                ApiKeyVerificationStatus.Malformed => "The API key is malformed: expected lw_<prefix>_<secret>.",
                ApiKeyVerificationStatus.Revoked => "The API key has been revoked.",
                _ => "The API key is not valid.",
            });
        }

        var key = verification.Key!;
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, $"apikey:{key.Prefix}"),
            new(ClaimTypes.Name, key.Name),
            new(ClaimTypes.Role, key.Role.ToString()),
            new(ApiKeyDefaults.KeyIdClaim, key.Id.ToString()),
        };
        if (key.TenantId is not null)
        {
            claims.Add(new Claim(ApiKeyDefaults.TenantClaim, key.TenantId));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, ApiKeyDefaults.Scheme));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, ApiKeyDefaults.Scheme));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = (await HandleAuthenticateOnceSafeAsync().ConfigureAwait(false)).Failure?.Message;
        Response.Headers.WWWAuthenticate = "Bearer";
        await WriteProblemAsync(StatusCodes.Status401Unauthorized, "Authentication required",
            failure ?? $"Send an API key as 'Authorization: Bearer lw_…' or in the {ApiKeyDefaults.HeaderName} header.").ConfigureAwait(false);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, "Forbidden", "This API key may not use this endpoint.");

    private string? ReadToken()
    {
        string? authorization = Request.Headers.Authorization;
        if (!string.IsNullOrEmpty(authorization) && authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return authorization[BearerPrefix.Length..].Trim();
        }

        string? header = Request.Headers[ApiKeyDefaults.HeaderName];
        return string.IsNullOrWhiteSpace(header) ? null : header.Trim();
    }

    private Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        var problems = Context.RequestServices.GetRequiredService<IProblemDetailsService>();
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }
}
