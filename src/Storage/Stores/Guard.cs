using System.Text.Json;
using LiveWatch.Storage.Entities;

namespace LiveWatch.Storage.Stores;

/// <summary>Argument checks shared by the stores, with messages that name the value and the limit.</summary>
internal static class Guard
{
    public static void TenantId(string tenantId, string parameterName = "tenantId")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId, parameterName);
        if (tenantId.Length > Tenant.MaxIdLength)
        {
            throw new ArgumentException($"A tenant id is at most {Tenant.MaxIdLength} characters.", parameterName);
        }
    }

    public static void OptionalTenantId(string? tenantId, string parameterName = "tenantId")
    {
        if (tenantId is not null)
        {
            TenantId(tenantId, parameterName);
        }
    }

    public static void Text(string value, int maxLength, string parameterName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, parameterName);
        if (value.Length > maxLength)
        {
            throw new ArgumentException($"{parameterName} is at most {maxLength} characters, got {value.Length}.", parameterName);
        }
    }

    public static void OptionalText(string? value, int maxLength, string parameterName)
    {
        if (value is not null && value.Length > maxLength)
        {
            throw new ArgumentException($"{parameterName} is at most {maxLength} characters, got {value.Length}.", parameterName);
        }
    }

    public static void Json(string value, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(value, parameterName);
        try
        {
            using var document = JsonDocument.Parse(value);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"{parameterName} is not a JSON document: {e.Message}", parameterName, e);
        }
    }

    public static int Max(int max, int limit, string parameterName = "max")
    {
        if (max <= 0)
        {
            throw new ArgumentOutOfRangeException(parameterName, max, "Ask for at least one row.");
        }

        return Math.Min(max, limit);
    }
}
