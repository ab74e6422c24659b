using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Storage;

namespace LiveWatch.Storage.GrainState;

/// <summary>Gives providers without a serializer Orleans' own (see <see cref="SqliteGrainStorageOptions.GrainStorageSerializer"/>).</summary>
internal sealed class SqliteGrainStorageSerializerDefaults : IPostConfigureOptions<SqliteGrainStorageOptions>
{
    private readonly IServiceProvider _services;

    public SqliteGrainStorageSerializerDefaults(IServiceProvider services)
    {
        _services = services;
    }

    public void PostConfigure(string? name, SqliteGrainStorageOptions options)
    {
        options.GrainStorageSerializer ??= new OrleansGrainStorageSerializer(_services.GetRequiredService<Serializer>());
    }
}
