using LiveWatch.Storage.GrainState;
using LiveWatch.Storage.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace LiveWatch.Storage.Tests.GrainState;

public sealed class SqliteGrainStorageTests : IDisposable
{
    private static readonly GrainId Grain = GrainId.Create("stream", "acme/live-1");

    private readonly TempDirectory _directory = new("livewatch-grain-tests");
    private readonly ServiceProvider _services;

    public SqliteGrainStorageTests()
    {
        _services = new ServiceCollection()
            .AddSerializer(serializer => serializer.AddAssembly(typeof(CounterState).Assembly))
            .BuildServiceProvider();
    }

    public void Dispose()
    {
        _services.Dispose();
        _directory.Dispose();
    }

    private SqliteGrainStorage NewStorage() =>
        new(
            "test",
            new SqliteGrainStorageOptions
            {
                DataDirectory = Path.Combine(_directory.Path, "data"),
                GrainStorageSerializer = new OrleansGrainStorageSerializer(_services.GetRequiredService<Serializer>()),
            },
            _services.GetRequiredService<IActivatorProvider>());

    [Fact]
    public async Task Reading_a_missing_record_gives_a_fresh_state_without_ETag()
    {
        using var storage = NewStorage();
        var state = new GrainState<CounterState>(new CounterState { Count = 99 }, "stale");
        await storage.ReadStateAsync("counter", Grain, state);
        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.Equal(0, state.State!.Count);
    }

    [Fact]
    public async Task Written_state_reads_back_and_survives_a_new_storage_instance_on_the_same_file()
    {
        string etag;
        using (var storage = NewStorage())
        {
            var state = new GrainState<CounterState>(new CounterState { Count = 3, Note = "three" });
            await storage.WriteStateAsync("counter", Grain, state);
            Assert.True(state.RecordExists);
            etag = Assert.IsType<string>(state.ETag);

            state.State!.Count = 4;
            await storage.WriteStateAsync("counter", Grain, state);
            Assert.NotEqual(etag, state.ETag);
            etag = state.ETag!;
        }

        SqliteConnection.ClearAllPools();
        Assert.True(File.Exists(Path.Combine(_directory.Path, "data", SqliteGrainStorageOptions.DefaultFileName)));
        using (var storage = NewStorage())
        {
            var read = new GrainState<CounterState>();
            await storage.ReadStateAsync("counter", Grain, read);
            Assert.True(read.RecordExists);
            Assert.Equal(etag, read.ETag);
            Assert.Equal((4, "three"), (read.State!.Count, read.State!.Note));

            // The new instance accepts a write with the ETag it read.
            read.State!.Count = 5;
            await storage.WriteStateAsync("counter", Grain, read);
        }
    }

    [Fact]
    public async Task A_write_with_a_stale_ETag_is_refused()
    {
        using var storage = NewStorage();
        var first = new GrainState<CounterState>(new CounterState { Count = 1 });
        await storage.WriteStateAsync("counter", Grain, first);
        var stale = new GrainState<CounterState>();
        await storage.ReadStateAsync("counter", Grain, stale);

        first.State!.Count = 2;
        await storage.WriteStateAsync("counter", Grain, first);

        stale.State!.Count = 100;
        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("counter", Grain, stale));
        Assert.Equal(first.ETag, error.StoredEtag);
        Assert.Equal(stale.ETag, error.CurrentEtag);

        // A writer that believes there is no record (ETag null) must not overwrite one either.
        var blind = new GrainState<CounterState>(new CounterState { Count = 7 });
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("counter", Grain, blind));

        var read = new GrainState<CounterState>();
        await storage.ReadStateAsync("counter", Grain, read);
        Assert.Equal(2, read.State!.Count);
    }

    [Fact]
    public async Task Clear_removes_the_record_and_checks_the_ETag()
    {
        using var storage = NewStorage();
        var state = new GrainState<CounterState>(new CounterState { Count = 1 });
        await storage.WriteStateAsync("counter", Grain, state);
        var stale = new GrainState<CounterState>();
        await storage.ReadStateAsync("counter", Grain, stale);
        state.State!.Count = 2;
        await storage.WriteStateAsync("counter", Grain, state);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync("counter", Grain, stale));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync("counter", Grain, new GrainState<CounterState>()));

        await storage.ClearStateAsync("counter", Grain, state);
        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.Equal(0, state.State!.Count);
        var read = new GrainState<CounterState>();
        await storage.ReadStateAsync("counter", Grain, read);
        Assert.False(read.RecordExists);

        // Clearing what is already gone is fine; writing again starts a new record.
        await storage.ClearStateAsync("counter", Grain, state);
        state.State!.Count = 10;
        await storage.WriteStateAsync("counter", Grain, state);
        Assert.True(state.RecordExists);
    }

    [Fact]
    public async Task An_activation_from_before_a_clear_and_rewrite_is_still_stale()
    {
        using var storage = NewStorage();
        var old = new GrainState<CounterState>(new CounterState { Count = 1 });
        await storage.WriteStateAsync("counter", Grain, old);
        var other = new GrainState<CounterState>();
        await storage.ReadStateAsync("counter", Grain, other);
        await storage.ClearStateAsync("counter", Grain, other);
        await storage.WriteStateAsync("counter", Grain, other);

        // Random ETags: the record written after the clear never carries the ETag of the one before.
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("counter", Grain, old));
    }

    [Fact]
    public async Task Grain_types_keys_and_state_names_are_separate_records()
    {
        using var storage = NewStorage();
        await storage.WriteStateAsync("counter", Grain, new GrainState<CounterState>(new CounterState { Count = 1 }));
        await storage.WriteStateAsync("other", Grain, new GrainState<CounterState>(new CounterState { Count = 2 }));
        await storage.WriteStateAsync("counter", GrainId.Create("stream", "acme/live-2"), new GrainState<CounterState>(new CounterState { Count = 3 }));
        await storage.WriteStateAsync("counter", GrainId.Create("incident", "acme/live-1"), new GrainState<CounterState>(new CounterState { Count = 4 }));

        var read = new GrainState<CounterState>();
        await storage.ReadStateAsync("counter", Grain, read);
        Assert.Equal(1, read.State!.Count);
        await storage.ReadStateAsync("other", Grain, read);
        Assert.Equal(2, read.State!.Count);
        await storage.ReadStateAsync("counter", GrainId.Create("incident", "acme/live-1"), read);
        Assert.Equal(4, read.State!.Count);
    }
}
