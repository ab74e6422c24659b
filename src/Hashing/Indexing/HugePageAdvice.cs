using System.Runtime.InteropServices;

namespace LiveWatch.Hashing.Indexing;

/// <summary>
/// Asks Linux to back the index's large arrays with 2 MiB pages. Probes and verifications are random reads over
/// ~100 MB per million hashes; with 4 KiB pages nearly every one also misses the TLB, and in a virtual machine each
/// TLB miss is a two-level page walk. The GC heap is not madvised (THP mode <c>madvise</c> on our hosts), so this
/// collapses the arrays once they are built. A hint only: where it is refused (other OS, THP off, no free huge pages)
/// or the GC later moves an array, lookups are as before, just slower.
/// </summary>
internal static partial class HugePageAdvice
{
    private const nint HugePageSize = 2 << 20;
    private const int MadviseHugePage = 14;
    private const int MadviseCollapse = 25;

    /// <summary>Turned off by setting <c>LIVEWATCH_INDEX_HUGEPAGES=0</c> (for A/B measurements).</summary>
    private static readonly bool s_enabled =
        OperatingSystem.IsLinux() && Environment.GetEnvironmentVariable("LIVEWATCH_INDEX_HUGEPAGES") != "0";

    /// <summary>
    /// Advises the 2 MiB pages that <paramref name="array"/> touches (arrays under 1 MiB are left alone). The pages at
    /// either end may also hold neighbouring large objects: collapsing changes how memory is mapped, never its content.
    /// </summary>
    public static unsafe void Advise<T>(T[] array)
        where T : unmanaged
    {
        var bytes = (nint)array.LongLength * sizeof(T);
        if (!s_enabled || bytes < HugePageSize / 2)
        {
            return;
        }

        fixed (T* data = array)
        {
            var start = (nint)data & ~(HugePageSize - 1);
            var end = ((nint)data + bytes + HugePageSize - 1) & ~(HugePageSize - 1);

            // MADV_HUGEPAGE keeps khugepaged interested; MADV_COLLAPSE (Linux 6.1+) does it now, synchronously.
            _ = Madvise(start, (nuint)(end - start), MadviseHugePage);
            _ = Madvise(start, (nuint)(end - start), MadviseCollapse);
        }
    }

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Madvise(nint address, nuint length, int advice);
}
