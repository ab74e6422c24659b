using System.Text.Json;
using System.Text.Json.Serialization;

namespace LiveWatch.Sdk.Client;

/// <summary>The API's JSON conventions: camelCase names, enums as their names.</summary>
internal static class LiveWatchJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
