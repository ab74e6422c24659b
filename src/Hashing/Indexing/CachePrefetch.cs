using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace LiveWatch.Hashing.Indexing;

/// <summary>
/// Software prefetch for the random-access phases (bucket entries, candidate hashes, dedupe slots): issuing the
/// loads of a whole batch before using any of them lets dozens of cache misses overlap instead of paying ~100 ns each.
/// </summary>
internal static class CachePrefetch
{
    /// <summary>Hints the CPU to bring the cache line of <paramref name="location"/> into all cache levels.</summary>
    /// <remarks>
    /// The address is taken from an unpinned managed reference: if the GC moved the object meanwhile the hint is
    /// merely wasted. A prefetch never faults, even past the end of an array, so this cannot corrupt anything.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Prefetch<T>(ref T location)
    {
        if (Sse.IsSupported)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref location));
        }
    }
}
