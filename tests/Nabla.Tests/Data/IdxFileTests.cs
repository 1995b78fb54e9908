using System.Buffers.Binary;
using Nabla.Data;

namespace Nabla.Tests.Data;

/// <summary>The IDX reader on small files the test writes itself.</summary>
public class IdxFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nabla-idx-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static byte[] Idx(byte type, int[] dims, byte[] values)
    {
        var bytes = new byte[4 + 4 * dims.Length + values.Length];
        bytes[2] = type;
        bytes[3] = (byte)dims.Length;
        for (int i = 0; i < dims.Length; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * i), dims[i]);
        }

        values.CopyTo(bytes, 4 + 4 * dims.Length);
        return bytes;
    }

    [Fact]
    public void Reads_dimensions_big_endian_and_values_in_order()
    {
        var file = IdxFile.Parse(Idx(0x08, [2, 3, 258], [.. Enumerable.Range(0, 2 * 3 * 258).Select(i => (byte)i)]));
        Assert.Equal([2, 3, 258], file.Dimensions);
        Assert.Equal(1548, file.Values.Length);
        Assert.Equal(7, file.Values[7]);
        Assert.Equal((byte)(1547 % 256), file.Values[^1]);
    }

    [Theory]
    [InlineData(new byte[] { 0, 0, 8 }, "fewer than the 4-byte header")]
    [InlineData(new byte[] { 1, 0, 8, 1, 0, 0, 0, 1, 5 }, "two zero bytes")]
    [InlineData(new byte[] { 0, 0, 0x0D, 1, 0, 0, 0, 1, 5 }, "type code is 0x0D")]
    [InlineData(new byte[] { 0, 0, 8, 2, 0, 0, 0, 1 }, "ends inside the header")]
    [InlineData(new byte[] { 0, 0, 8, 1, 0, 0, 0, 0 }, "size 0")]
    [InlineData(new byte[] { 0, 0, 8, 1, 0, 0, 0, 3, 1, 2 }, "truncated")]
    [InlineData(new byte[] { 0, 0, 8, 1, 0, 0, 0, 1, 1, 2 }, "trailing")]
    public void Damaged_files_are_refused_with_the_reason(byte[] bytes, string reason)
    {
        var e = Assert.Throws<InvalidDataException>(() => IdxFile.Parse(bytes, "x.idx"));
        Assert.Contains("'x.idx'", e.Message);
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void Mnist_pair_is_scaled_to_unit_interval_and_checked_against_labels()
    {
        File.WriteAllBytes(Path.Combine(_dir, "train-images-idx3-ubyte"), Idx(0x08, [2, 2, 2], [0, 255, 51, 102, 1, 2, 3, 4]));
        File.WriteAllBytes(Path.Combine(_dir, "train-labels-idx1-ubyte"), Idx(0x08, [2], [7, 3]));
        var (x, y) = MnistDataset.LoadPair(_dir, "train");
        Assert.Equal("2×4", x.Shape);
        Assert.Equal(1f, x[0, 1]);
        Assert.Equal(0.2f, x[0, 2], 1e-7f);
        Assert.Equal([7, 3], y);

        File.WriteAllBytes(Path.Combine(_dir, "train-labels-idx1-ubyte"), Idx(0x08, [3], [7, 3, 1]));
        Assert.Contains("holds 2 images but", Assert.Throws<InvalidDataException>(() => MnistDataset.LoadPair(_dir, "train")).Message);

        File.WriteAllBytes(Path.Combine(_dir, "train-labels-idx1-ubyte"), Idx(0x08, [2], [7, 10]));
        Assert.Contains("label 10", Assert.Throws<InvalidDataException>(() => MnistDataset.LoadPair(_dir, "train")).Message);
    }

    [Fact]
    public void Verify_names_missing_and_altered_files()
    {
        File.WriteAllBytes(Path.Combine(_dir, "train-labels-idx1-ubyte"), Idx(0x08, [1], [1]));
        var bad = MnistDataset.Verify(_dir);
        Assert.Equal(4, bad.Count);
        Assert.Contains("train-labels-idx1-ubyte", bad);
    }

    [Fact]
    public void Missing_file_is_reported_by_path()
    {
        var e = Assert.Throws<FileNotFoundException>(() => IdxFile.Read(Path.Combine(_dir, "nothing")));
        Assert.Contains("nothing", e.Message);
    }
}
