using CsCheck;
using Nabla.Tensors;

namespace Nabla.Tests.Tensors;

/// <summary>The product's cache blocks cut to a machine's caches (<see cref="GemmBlocking"/>) and the caches read from sysfs (<see cref="CpuCaches"/>).</summary>
public sealed class GemmBlockingTests : IDisposable
{
    private const int K = 1024, M = 1024 * 1024;

    private readonly string _dir = Directory.CreateTempSubdirectory("nabla-caches-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void The_default_caches_give_the_blocks_measured_on_the_machine_they_were_tuned_on()
    {
        Assert.Equal(new GemmBlocking(12, 32, 384, 1536, 384), GemmBlocking.For(GemmKernelKind.Avx512, sizeof(float), CpuCaches.Default));
        Assert.Equal(new GemmBlocking(12, 16, 192, 1536, 384), GemmBlocking.For(GemmKernelKind.Avx512, sizeof(double), CpuCaches.Default));
    }

    public static TheoryData<string, int, int, int, int, int, int, int> Machines => new()
    {
        // name, kernel, L1d, L2, L3 per core, then the expected KC, MC, NC (float)
        { "Xeon Sapphire Rapids: 48 KB, 2 MB, 1.875 MB", (int)GemmKernelKind.Avx512, 48 * K, 2 * M, 1920 * K, 384, 636, 768 },
        { "Xeon Skylake-SP: 32 KB, 1 MB, 1.375 MB", (int)GemmKernelKind.Avx512, 32 * K, 1 * M, 1408 * K, 256, 696, 576 },
        { "Core Haswell: 32 KB, 256 KB, 2 MB", (int)GemmKernelKind.Avx2, 32 * K, 256 * K, 2 * M, 512, 510, 64 },
        { "no L3", (int)GemmKernelKind.Avx512, 48 * K, 1 * M, 0, 384, 1536, 384 },
    };

    [Theory]
    [MemberData(nameof(Machines))]
    public void Blocks_follow_the_caches(string machine, int kind, int l1, int l2, int l3, int kc, int mc, int nc)
    {
        var blocks = GemmBlocking.For((GemmKernelKind)kind, sizeof(float), new CpuCaches(l1, l2, l3, machine));
        Assert.Equal((kc, mc, nc), (blocks.KC, blocks.MC, blocks.NC));
    }

    [Fact]
    public void Any_caches_give_blocks_that_fit_them_and_whole_panels()
    {
        var caches = Gen.Select(Gen.Int[4, 4096], Gen.Int[16, 65536], Gen.Int[0, 262144], (l1, l2, l3) => new CpuCaches(l1 * K / 4, l2 * K / 4, l3 * K / 4, "random"));
        Gen.Select(caches, Gen.Int[2, 4].Select(k => (GemmKernelKind)k), Gen.Bool).Sample((c, kind, single) =>
        {
            int size = single ? sizeof(float) : sizeof(double);
            var b = GemmBlocking.For(kind, size, c);
            Assert.Equal(GemmBlocking.Tile(kind, size), (b.MR, b.NR));
            Assert.InRange(b.KC * size, 128 * 4, 512 * 4);
            Assert.Equal(0, b.KC % 16);
            Assert.Equal(0, b.MC % b.MR);
            Assert.Equal(0, b.NC % b.NR);
            Assert.InRange(b.MC, b.MR, 1536);
            // The A panel takes at most 3/8 of L1 and the B block at most 9/16 of L2, unless the caches are smaller than the least block.
            Assert.True(b.MR * b.KC * size <= Math.Max(c.L1Data * 3 / 8, b.MR * 128 * 4), $"A panel {b} in L1 {c}");
            Assert.True((long)b.KC * b.NC * size <= Math.Max((long)c.L2 * 9 / 16, (long)b.KC * b.NR * size), $"B block {b} in L2 {c}");
        });
    }

    private void Cache(int index, int level, string type, string size, string? shared)
    {
        string folder = Path.Combine(_dir, $"index{index}");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "level"), $"{level}\n");
        File.WriteAllText(Path.Combine(folder, "type"), $"{type}\n");
        File.WriteAllText(Path.Combine(folder, "size"), $"{size}\n");
        if (shared is not null)
        {
            File.WriteAllText(Path.Combine(folder, "shared_cpu_list"), $"{shared}\n");
        }
    }

    [Fact]
    public void Sysfs_gives_the_data_caches_and_shares_L3_among_the_processors_that_use_it()
    {
        Cache(0, 1, "Data", "48K", "0,32");
        Cache(1, 1, "Instruction", "32K", "0,32");
        Cache(2, 2, "Unified", "2048K", "0,32");
        Cache(3, 3, "Unified", "60M", "0-29,32-61");
        Assert.Equal(new CpuCaches(48 * K, 2 * M, 60 * M / 60, "sysfs"), CpuCaches.FromSysfs(_dir));
    }

    [Fact]
    public void Sysfs_without_an_L2_or_without_the_folder_says_nothing()
    {
        Assert.Null(CpuCaches.FromSysfs(Path.Combine(_dir, "missing")));
        Cache(0, 1, "Data", "32K", null);
        Assert.Null(CpuCaches.FromSysfs(_dir));
    }

    [Theory]
    [InlineData("48K", 48 * K)]
    [InlineData("32M", 32L * M)]
    [InlineData("1G", 1024L * M)]
    [InlineData("512", 512)]
    public void Sysfs_sizes_read_with_their_unit(string text, long bytes) => Assert.Equal(bytes, CpuCaches.SysfsSize(text));

    [Theory]
    [InlineData("0", 1)]
    [InlineData("0-3,8,10-11", 7)]
    [InlineData("0,32", 2)]
    public void Processor_lists_are_counted(string list, int count) => Assert.Equal(count, CpuCaches.CountCpus(list));

    [Fact]
    public void This_machine_reports_its_caches()
    {
        var caches = CpuCaches.Machine;
        Assert.True(caches.L1Data >= 8 * K && caches.L2 >= caches.L1Data, caches.ToString());
        if (OperatingSystem.IsLinux() && Directory.Exists("/sys/devices/system/cpu/cpu0/cache/index2"))
        {
            Assert.Equal("sysfs", caches.Source);
        }
    }
}
