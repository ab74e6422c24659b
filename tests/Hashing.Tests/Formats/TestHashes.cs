using LiveWatch.Hashing.Formats;

namespace LiveWatch.Hashing.Tests.Formats;

/// <summary>Made-up hashes and small helpers for the hash-list tests.</summary>
internal static class TestHashes
{
    public const string A = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22";
    public const string B = "0000000000000000000000000000000000000000000000000000000000000001";
    public const string C = "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff";

    /// <summary>A pseudo-random hash, the same for the same seed.</summary>
    public static Hash256 FromSeed(int seed)
    {
        var random = new Random(seed);
        return new Hash256((ulong)random.NextInt64(), (ulong)random.NextInt64(), (ulong)random.NextInt64(), (ulong)random.NextInt64());
    }

    /// <summary>Reads a list held in a string.</summary>
    public static HashListReadResult Read(string text, string sourceName, HashListReadOptions? options = null) =>
        HashListReader.Read(new StringReader(text), sourceName, options);

    /// <summary>Reads a list that must be rejected and returns the rejection.</summary>
    public static HashListFormatException Reject(string text, string sourceName, HashListReadOptions? options = null) =>
        Assert.Throws<HashListFormatException>(() => HashListReader.Read(new StringReader(text), sourceName, options));

    /// <summary>The hashes of the entries as hex, for compact assertions.</summary>
    public static string[] Hex(HashListReadResult result) => result.Entries.Select(e => e.Hash.ToString()).ToArray();

    public static readonly HashListReadOptions SkipBadLines = new() { SkipBadLines = true };
}
