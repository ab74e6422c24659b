using LiveWatch.Dashboard.Incidents;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using LiveWatch.Ingest.Hosting;
using LiveWatch.Silo.Api.Authentication;
using LiveWatch.Silo.Api.Endpoints;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace LiveWatch.Silo.Api;

/// <summary>Wiring of the REST API: API-key authentication, policies, rate limits, problem details, OpenAPI.</summary>
public static class LiveWatchApiExtensions
{
    public static WebApplicationBuilder AddLiveWatchApi(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<ApiOptions>().Bind(builder.Configuration.GetSection(ApiOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApiOptions>, ApiOptionsValidator>();
        services.AddSingleton<PushedPictureDecoder>();
        services.AddScoped<IIncidentReportExporter, ApiIncidentReportExporter>();
        services.AddLiveWatchSourceUrlPolicy(builder.Configuration);
        services.AddHostedService<FirstAdminKey>();

        services.AddAuthentication(ApiKeyDefaults.Scheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyDefaults.Scheme, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiKeyDefaults.PlatformPolicy, policy => policy.RequireRole(nameof(Storage.Entities.ApiKeyRole.Platform)).RequireClaim(ApiKeyDefaults.TenantClaim))
            .AddPolicy(ApiKeyDefaults.AdminPolicy, policy => policy.RequireRole(nameof(Storage.Entities.ApiKeyRole.Admin)));

        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(ApiKeyDefaults.PushRateLimit, context =>
            {
                var options = context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value;
                var tenant = context.User.FindFirst(ApiKeyDefaults.TenantClaim)?.Value ?? string.Empty;
                return RateLimitPartition.GetTokenBucketLimiter(tenant, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = options.PushBurstPerTenant,
                    TokensPerPeriod = options.PushesPerSecondPerTenant,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                });
            });
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "1";
                await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests", Detail = "This tenant's push rate limit is reached; retry after a second." },
                }).ConfigureAwait(false);
            };
        });

        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddOpenApi(openApi => openApi.AddDocumentTransformer<ApiKeySecurityScheme>());
        return builder;
    }

    /// <summary>Maps <c>/api/v1/…</c> and the OpenAPI document at <c>/openapi/v1.json</c>.</summary>
    public static WebApplication MapLiveWatchApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();

        var api = app.MapGroup("/api/v1");
        api.MapStreamEndpoints();
        api.MapPushEndpoints();
        api.MapIncidentEndpoints();
        api.MapFeedEndpoints();
        var admin = api.MapGroup("/admin").RequireAuthorization(ApiKeyDefaults.AdminPolicy);
        api.MapIncidentDecisionEndpoints(admin);
        api.MapIncidentReportEndpoints(admin);
        api.MapWebhookEndpoints(admin);
        admin.MapTenantAdminEndpoints();
        admin.MapBankAdminEndpoints();
        admin.MapIngestAdminEndpoints();
        app.MapOpenApi();
        return app;
    }
}
