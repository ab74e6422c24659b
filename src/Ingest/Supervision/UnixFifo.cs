using System.Runtime.InteropServices;

namespace LiveWatch.Ingest.Supervision;

/// <summary>
/// A named pipe (mkfifo) joining two ffmpeg children directly: the bytes never pass through this process, and either
/// side may open it first (each open waits for the other end).
/// </summary>
public static class UnixFifo
{
    private const uint OwnerReadWrite = 0x180; // 0600: only the worker's user may read the relayed stream

    /// <summary>Creates the FIFO at <paramref name="path"/>, replacing whatever was there.</summary>
    /// <exception cref="IOException">mkfifo failed (the message carries errno).</exception>
    public static void Create(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        File.Delete(path);
        if (MakeFifo(path, OwnerReadWrite) != 0)
        {
            throw new IOException($"mkfifo {path} failed: {Marshal.GetLastPInvokeErrorMessage()}");
        }
    }

    [DllImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int MakeFifo([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint mode);
}
