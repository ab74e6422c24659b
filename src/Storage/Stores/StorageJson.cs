using System.Text.Json;
using System.Text.Json.Serialization;

namespace LiveWatch.Storage.Stores;

/// <summary>The JSON form of payloads and details the stores write: camelCase, enums as names.</summary>
internal static class StorageJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize(object? value) =>
        value is null ? "{}" : JsonSerializer.Serialize(value, value.GetType(), Options);
}
