using System.Text.Json;
using System.Text.Json.Serialization;

namespace LiveWatch.Webhooks.Tests.Infrastructure;

/// <summary>The API's JSON conventions (web defaults, enums as names).</summary>
internal static class Json
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
}
