using System.Numerics;
using LiveWatch.Hashing;
using LiveWatch.Hashing.Indexing;

namespace LiveWatch.Hashing.Tests.Indexing;

public sealed class ChunkLayoutTests
{
    [Theory]
    [InlineData(8)]
    [InlineData(11)]
    [InlineData(13)]
    [InlineData(32)]
    public void ChunkKeysPartitionTheBitsSoTheirDistancesSumToTheHammingDistance(int chunkCount)
    {
        var layout = new ChunkLayout(chunkCount, 20);
        Assert.Equal(256, Enumerable.Range(0, chunkCount).Sum(layout.ChunkBits));

        // Each single bit lands in exactly one chunk key: the chunks partition the 256 bits.
        Span<ulong> lanes = stackalloc ulong[4];
        for (var bit = 0; bit < 256; bit++)
        {
            lanes.Clear();
            lanes[bit >> 6] = 1UL << bit;
            var hash = new Hash256(lanes[0], lanes[1], lanes[2], lanes[3]);
            var owners = Enumerable.Range(0, chunkCount).Where(c => layout.Key(hash, c) != 0).ToList();
            Assert.Single(owners);
            Assert.Equal(bit % chunkCount, owners[0]);
        }

        // Hence the pigeonhole premise: chunk distances add up to the full distance.
        var random = new Random(chunkCount);
        for (var i = 0; i < 200; i++)
        {
            var a = IndexTestData.RandomHash(random);
            var b = IndexTestData.AtDistance(a, random.Next(64), random);
            var sum = Enumerable.Range(0, chunkCount).Sum(c => BitOperations.PopCount(layout.Key(a, c) ^ layout.Key(b, c)));
            Assert.Equal(a.DistanceTo(b), sum);
        }
    }

    [Fact]
    public void TableBitsAreCappedByTheChunkWidth()
    {
        var layout = new ChunkLayout(11, 26);
        for (var c = 0; c < 11; c++)
        {
            Assert.Equal(layout.ChunkBits(c), layout.TableBits(c));
            Assert.Equal(0, layout.LowBits(c));
        }

        Assert.Equal(24, new ChunkLayout(11, 20).ChunkBits(0)); // 256 = 3 * 24 + 8 * 23
        Assert.Equal(4, new ChunkLayout(11, 20).LowBits(0));
    }

    [Fact]
    public void PortableBitExtractionMatchesPext()
    {
        var random = new Random(3);
        for (var i = 0; i < 1_000; i++)
        {
            var value = (ulong)random.NextInt64();
            var mask = (ulong)random.NextInt64() & (ulong)random.NextInt64();
            var expected = 0UL;
            var outBit = 0;
            for (var bit = 0; bit < 64; bit++)
            {
                if ((mask & (1UL << bit)) != 0)
                {
                    expected |= ((value >> bit) & 1) << outBit++;
                }
            }

            Assert.Equal(expected, ChunkLayout.ExtractPortable(value, mask));
            Assert.Equal(expected, ChunkLayout.Extract(value, mask));
        }
    }

    [Theory]
    [InlineData(7, 10)]
    [InlineData(33, 10)]
    [InlineData(11, 0)]
    [InlineData(11, 27)]
    public void OutOfRangeLayoutsAreRejected(int chunkCount, int tableBits) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ChunkLayout(chunkCount, tableBits));
}
