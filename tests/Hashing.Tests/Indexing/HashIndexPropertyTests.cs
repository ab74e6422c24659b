using CsCheck;
using LiveWatch.Hashing;
using LiveWatch.Hashing.Indexing;

namespace LiveWatch.Hashing.Tests.Indexing;

/// <summary>
/// Property-based checks with CsCheck: random sets and random operation sequences against the brute-force model,
/// for both implementations. Hashes come from a small pool of near copies, so queries have matches at every distance
/// and operations collide (duplicate adds, removals of absent pairs, re-adds).
/// </summary>
public sealed class HashIndexPropertyTests
{
    private static readonly int[] QueryDistances = [0, 1, 16, 31, 40, 63];

    // 8 centres with 12 near copies each (distances 0..40): 96 hashes.
    private static readonly Hash256[] Pool = CreatePool();

    private static readonly Gen<Hash256> GenHash = Gen.Select(Gen.ULong, Gen.ULong, Gen.ULong, Gen.ULong, (a, b, c, d) => new Hash256(a, b, c, d));

    // An operation: kind (0-3 add, 4-5 remove, 6-7 query, 8 eight-needle query), pool slot, id (0..3), distance slot.
    private static readonly Gen<(int Kind, int Slot, int Id, int Distance)[]> GenOperations =
        Gen.Select(Gen.Int[0, 8], Gen.Int[0, Pool.Length - 1], Gen.Int[0, 3], Gen.Int[0, QueryDistances.Length - 1]).Array[1, 250];

    public static TheoryData<string> Implementations() => ["flat", "multi-index"];

    [Theory]
    [MemberData(nameof(Implementations))]
    public void RandomSetsAnswerLikeBruteForce(string implementation)
    {
        var gen = Gen.Select(GenHash.Array[0, 1100], Gen.Int[0, Pool.Length - 1].Array[0, 200], GenHash, Gen.Int[0, 63]);
        gen.Sample(
            (randomHashes, poolSlots, needle, maxDistance) =>
            {
                var hashes = randomHashes.Concat(poolSlots.Select(slot => Pool[slot])).ToArray();
                var ids = hashes.Select((_, i) => (long)(i % 150)).ToArray(); // ids repeat: one id, several hashes
                var index = Create(implementation);
                var model = new BruteForceIndexModel();
                var added = hashes.Zip(ids).Count(pair => model.Add(pair.First, pair.Second));
                Assert.Equal(added, index.AddRange(hashes, ids));

                foreach (var query in new[] { needle, Pool[maxDistance % Pool.Length] })
                {
                    var results = new List<HashMatch>();
                    index.FindAll(query, maxDistance, results);
                    Assert.Equal(model.FindAll([query], maxDistance), results);
                }

                var group = Pool.Skip(maxDistance % 80).Take(8).ToArray();
                var groupResults = new List<HashMatch>();
                index.FindAll(group, maxDistance, groupResults);
                Assert.Equal(model.FindAll(group, maxDistance), groupResults);
                Assert.Equal(model.Nearest(group, maxDistance), index.TryFindNearest(group, maxDistance, out var nearest) ? nearest : null);
            },
            iter: 25);
    }

    [Theory]
    [MemberData(nameof(Implementations))]
    public void RandomOperationSequencesMatchTheModel(string implementation)
    {
        GenOperations.Sample(
            operations =>
            {
                var index = Create(implementation);
                var model = new BruteForceIndexModel();
                var results = new List<HashMatch>();
                foreach (var (kind, slot, id, distanceSlot) in operations)
                {
                    var hash = Pool[slot];
                    var maxDistance = QueryDistances[distanceSlot];
                    switch (kind)
                    {
                        case <= 3:
                            Assert.Equal(model.Add(hash, id), index.Add(hash, id));
                            break;
                        case <= 5:
                            Assert.Equal(model.Remove(hash, id), index.Remove(hash, id));
                            break;
                        case <= 7:
                            results.Clear();
                            index.FindAll(hash, maxDistance, results);
                            Assert.Equal(model.FindAll([hash], maxDistance), results);
                            Assert.Equal(model.Nearest([hash], maxDistance), index.TryFindNearest(hash, maxDistance, out var m) ? m : null);
                            break;
                        default:
                            var group = Pool.AsSpan(Math.Min(slot, Pool.Length - 8), 8);
                            results.Clear();
                            index.FindAll(group, maxDistance, results);
                            Assert.Equal(model.FindAll(group, maxDistance), results);
                            break;
                    }

                    Assert.Equal(model.Count, index.Count);
                }
            },
            iter: 40);
    }

    // Tiny thresholds so short sequences go through tables, merges and tombstones.
    private static IHashIndex Create(string implementation) => implementation == "flat"
        ? new FlatHashIndex()
        : new MultiIndexHashIndex(new MultiIndexHashIndexOptions
        {
            MinimumIndexedCount = 1,
            DeltaMergeThreshold = 16,
            MergeInBackground = false,
            AlwaysProbe = true,
        });

    private static Hash256[] CreatePool()
    {
        var random = new Random(80);
        var pool = new List<Hash256>();
        for (var c = 0; c < 8; c++)
        {
            var centre = IndexTestData.BalancedHash(random);
            for (var k = 0; k < 12; k++)
            {
                pool.Add(IndexTestData.AtDistance(centre, k * 40 / 11, random));
            }
        }

        return [.. pool];
    }
}
