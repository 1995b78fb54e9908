using System.Runtime.InteropServices;

namespace Nabla.Serialization;

/// <summary>
/// What kind of file a path names, so that a FIFO, a device or a socket given as a data or model file is refused up front
/// instead of blocking forever (a FIFO without a writer) or reading without end (<c>/dev/zero</c>).
/// </summary>
internal static partial class FileKind
{
    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1;
    private const int ModeTypeMask = 0xF000;

    /// <summary>
    /// The kind of a path that exists but is not a regular file ("a FIFO (named pipe)", "a character device", …), or null
    /// for a regular file, a missing path, or a system where the kind cannot be asked (then nothing is refused).
    /// </summary>
    public static string? NotRegular(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        // statx's buffer has the same layout on every Linux architecture: stx_mode is the 16 bits at offset 28.
        Span<byte> buffer = stackalloc byte[256];
        try
        {
            if (Statx(AtFdCwd, path, 0, StatxType, ref MemoryMarshal.GetReference(buffer)) != 0)
            {
                return null;
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }

        int mode = BitConverter.ToUInt16(buffer[28..30]) & ModeTypeMask;
        return mode switch
        {
            0x8000 or 0x4000 => null, // a regular file, or a directory (which the callers refuse with their own message)
            0x1000 => "a FIFO (named pipe)",
            0x2000 => "a character device",
            0x6000 => "a block device",
            0xC000 => "a socket",
            _ => null,
        };
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directory, string path, int flags, uint mask, ref byte buffer);
}
