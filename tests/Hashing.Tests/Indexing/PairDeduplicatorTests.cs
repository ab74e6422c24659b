using System.Runtime.InteropServices;
using LiveWatch.Hashing;
using LiveWatch.Hashing.Indexing;

namespace LiveWatch.Hashing.Tests.Indexing;

public sealed class PairDeduplicatorTests
{
    [Fact]
    public void KeepsTheFirstOccurrenceOfEachPairInOrder()
    {
        var random = new Random(90);
        var distinct = IndexTestData.Uniform(500, seed: 91);
        var pairs = Enumerable.Range(0, 3_000)
            .Select(_ => random.Next(500))
            .Select(i => (Hash: distinct[i], Id: (long)(i % 7 == 0 ? 1 : i))) // some hashes share an id, some ids share a hash
            .ToArray();
        var lanes = MemoryMarshal.Cast<Hash256, ulong>(pairs.Select(p => p.Hash).ToArray().AsSpan()).ToArray();
        var ids = pairs.Select(p => p.Id).ToArray();

        var kept = PairDeduplicator.Deduplicate(lanes, ids, uniquePrefix: 0, count: pairs.Length);

        var expected = pairs.Distinct().ToArray();
        Assert.Equal(expected.Length, kept);
        var actual = MemoryMarshal.Cast<ulong, Hash256>(lanes.AsSpan(0, kept * 4)).ToArray().Zip(ids[..kept]).ToArray();
        Assert.Equal(expected, actual.Select(p => (p.First, p.Second)));
    }

    [Fact]
    public void PairsAlreadyInThePrefixAreDroppedFromTheRest()
    {
        var hashes = IndexTestData.Uniform(10, seed: 92);
        var all = hashes.Concat(hashes[..4]).Concat(IndexTestData.Uniform(3, seed: 93)).ToArray();
        var lanes = MemoryMarshal.Cast<Hash256, ulong>(all.AsSpan()).ToArray();
        var ids = all.Select((_, i) => (long)(i % 10)).ToArray();

        Assert.Equal(13, PairDeduplicator.Deduplicate(lanes, ids, uniquePrefix: 10, count: all.Length));
        Assert.Equal(all[14], MemoryMarshal.Cast<ulong, Hash256>(lanes.AsSpan())[10]);
    }
}
