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

    /// <summary>
    /// The JSON text of <paramref name="value"/>: null as <c>{}</c>, a string as the JSON document it must already be
    /// (checked), anything else serialized.
    /// </summary>
    public static string Serialize(object? value, string parameterName = "value")
    {
        switch (value)
        {
            case null:
                return "{}";
            case string json:
                Guard.Json(json, parameterName);
                return json;
            default:
                return JsonSerializer.Serialize(value, value.GetType(), Options);
        }
    }
}
