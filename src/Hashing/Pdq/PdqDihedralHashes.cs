using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace LiveWatch.Hashing.Pdq;

/// <summary>The eight dihedral PDQ hashes of one picture (indexed by <see cref="Dihedral"/>) and its quality.</summary>
public readonly struct PdqDihedralHashes : IEquatable<PdqDihedralHashes>
{
    private readonly Hashes8 _hashes;

    internal PdqDihedralHashes(ReadOnlySpan<Hash256> hashes, int quality)
    {
        if (hashes.Length != 8)
        {
            throw new ArgumentException($"Expected 8 dihedral hashes, got {hashes.Length}.", nameof(hashes));
        }

        hashes.CopyTo(_hashes);
        Quality = quality;
    }

    /// <summary>Quality of the picture, 0..100 (the same for all eight variants).</summary>
    public int Quality { get; }

    /// <summary>The hash of one variant.</summary>
    public Hash256 this[Dihedral variant] => _hashes[(int)variant];

    /// <summary>The original picture's hash with the quality.</summary>
    public PdqHash Original => new(_hashes[0], Quality);

    /// <summary>All eight hashes in <see cref="Dihedral"/> order, e.g. as the needles of one index query.</summary>
    [UnscopedRef]
    public ReadOnlySpan<Hash256> AsSpan() => _hashes;

    /// <inheritdoc />
    public bool Equals(PdqDihedralHashes other) =>
        Quality == other.Quality && AsSpan().SequenceEqual(other.AsSpan());

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is PdqDihedralHashes other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_hashes[0], Quality);

    /// <summary>Equality of every hash and the quality.</summary>
    public static bool operator ==(PdqDihedralHashes left, PdqDihedralHashes right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(PdqDihedralHashes left, PdqDihedralHashes right) => !left.Equals(right);

    [InlineArray(8)]
    private struct Hashes8
    {
        private Hash256 _first;
    }
}
