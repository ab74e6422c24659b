using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace LiveWatch.Silo.Api;

/// <summary>Declares the bearer API key in the OpenAPI document, so generated clients and explorers send it.</summary>
internal sealed class ApiKeySecurityScheme : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["ApiKey"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "A LiveWatch API key: lw_<prefix>_<secret>. Platform keys act on their own tenant; operator keys use /api/v1/admin.",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("ApiKey", document)] = [] });
        document.Info.Title = "LiveWatch API";
        document.Info.Description = "Register live streams, push frames or hashes, read incidents; operators manage tenants, keys and banks.";
        return Task.CompletedTask;
    }
}
