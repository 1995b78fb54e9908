using System.Buffers.Binary;

namespace Nabla.Data;

/// <summary>
/// A file in the IDX format of the MNIST distribution: two zero bytes, a type code (0x08 for unsigned bytes), the number of
/// dimensions, each dimension as a big-endian 32-bit integer, then the values in row-major order.
/// </summary>
public sealed class IdxFile
{
    private IdxFile(int[] dimensions, byte[] values)
    {
        Dimensions = dimensions;
        Values = values;
    }

    /// <summary>The sizes of the dimensions, outermost first (for MNIST images: count, rows, columns).</summary>
    public IReadOnlyList<int> Dimensions { get; }

    /// <summary>The values, row-major.</summary>
    public byte[] Values { get; }

    /// <summary>Reads and validates an IDX file of unsigned bytes.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="InvalidDataException">The header is damaged, the type is not unsigned bytes, or the length does not match the header.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static IdxFile Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The IDX file '{path}' does not exist.", path);
        }

        return Parse(File.ReadAllBytes(path), path);
    }

    /// <summary>Parses the bytes of an IDX file; <paramref name="name"/> names it in error messages.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a valid IDX file of unsigned bytes.</exception>
    public static IdxFile Parse(ReadOnlySpan<byte> bytes, string name = "IDX data")
    {
        if (bytes.Length < 4)
        {
            throw Damaged(name, $"it has {bytes.Length} bytes, fewer than the 4-byte header");
        }

        if (bytes[0] != 0 || bytes[1] != 0)
        {
            throw Damaged(name, $"it starts with 0x{bytes[0]:X2} 0x{bytes[1]:X2} instead of the two zero bytes of an IDX header");
        }

        if (bytes[2] != 0x08)
        {
            throw Damaged(name, $"its type code is 0x{bytes[2]:X2}; Nabla reads unsigned-byte IDX files (type 0x08), as MNIST's are");
        }

        int rank = bytes[3];
        if (rank < 1)
        {
            throw Damaged(name, "it declares 0 dimensions");
        }

        int header = 4 + 4 * rank;
        if (bytes.Length < header)
        {
            throw Damaged(name, $"it declares {rank} dimensions but ends inside the header ({bytes.Length} bytes)");
        }

        var dims = new int[rank];
        long count = 1;
        for (int i = 0; i < rank; i++)
        {
            uint d = BinaryPrimitives.ReadUInt32BigEndian(bytes.Slice(4 + 4 * i, 4));
            if (d == 0 || d > int.MaxValue)
            {
                throw Damaged(name, $"dimension {i} has size {d}");
            }

            dims[i] = (int)d;
            count *= d;
            if (count > int.MaxValue)
            {
                throw Damaged(name, "its dimensions multiply to more values than a file can hold");
            }
        }

        if (bytes.Length - header != count)
        {
            throw Damaged(name, $"the header promises {count} values ({string.Join(" × ", dims)}) but the file holds {bytes.Length - header}; it is truncated or has trailing bytes");
        }

        return new IdxFile(dims, bytes[header..].ToArray());
    }

    private static InvalidDataException Damaged(string name, string what) =>
        new($"'{name}' is not a valid IDX file: {what}. Fetch the file again (nabla datasets mnist).");
}
