using System.Globalization;
using System.Runtime.Intrinsics.X86;

namespace Nabla.Tensors;

/// <summary>
/// The data caches one core works from, in bytes: what the matrix product's cache blocks are cut to fit
/// (<see cref="GemmBlocking"/>).
/// </summary>
/// <param name="L1Data">The level-1 data cache of one core.</param>
/// <param name="L2">The level-2 cache of one core.</param>
/// <param name="L3PerCore">The level-3 cache divided by the logical processors that share it (0 when there is none).</param>
/// <param name="Source">Where the sizes came from: <c>sysfs</c>, <c>cpuid</c> or <c>default</c>.</param>
internal readonly record struct CpuCaches(int L1Data, int L2, int L3PerCore, string Source)
{
    /// <summary>
    /// Sizes used when the machine tells none (a hypervisor may hide them): those of the AMD EPYC (Zen 5) the blocks
    /// were first tuned on, 48 KB L1, 1 MB L2, so the blocks are the measured ones.
    /// </summary>
    public static readonly CpuCaches Default = new(48 * 1024, 1024 * 1024, 16 * 1024 * 1024, "default");

    private static readonly Lazy<CpuCaches> Detected = new(Detect);

    /// <summary>This machine's caches, read once per process.</summary>
    public static CpuCaches Machine => Detected.Value;

    /// <summary>Reads the caches from Linux's sysfs, else from the processor (CPUID), else takes <see cref="Default"/>.</summary>
    public static CpuCaches Detect()
    {
        try
        {
            if (FromSysfs("/sys/devices/system/cpu/cpu0/cache") is { } sysfs)
            {
                return sysfs;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or OverflowException)
        {
            // A sandbox may refuse sysfs or show odd files: the processor can still say.
        }

        return FromCpuid() ?? Default;
    }

    /// <summary>The caches listed under a sysfs cache folder (<c>index*/level</c>, <c>type</c>, <c>size</c>, <c>shared_cpu_list</c>), or null when it lists no L1 data and L2 cache.</summary>
    internal static CpuCaches? FromSysfs(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return null;
        }

        int l1 = 0, l2 = 0, l3 = 0;
        foreach (string index in Directory.EnumerateDirectories(folder, "index*"))
        {
            string Read(string name) => File.ReadAllText(Path.Combine(index, name)).Trim();
            if (!File.Exists(Path.Combine(index, "size")) || Read("type") == "Instruction")
            {
                continue;
            }

            int level = int.Parse(Read("level"), CultureInfo.InvariantCulture);
            long bytes = SysfsSize(Read("size"));
            string sharedPath = Path.Combine(index, "shared_cpu_list");
            int sharing = File.Exists(sharedPath) ? CountCpus(File.ReadAllText(sharedPath).Trim()) : 1;
            int perCore = (int)Math.Min(int.MaxValue, bytes / Math.Max(sharing, 1));
            switch (level)
            {
                case 1: l1 = (int)Math.Min(int.MaxValue, bytes); break;
                case 2: l2 = (int)Math.Min(int.MaxValue, bytes); break;
                case 3: l3 = perCore; break;
            }
        }

        return l1 > 0 && l2 > 0 ? new CpuCaches(l1, l2, l3, "sysfs") : null;
    }

    /// <summary>A sysfs size such as <c>48K</c>, <c>1024K</c> or <c>32M</c>, in bytes.</summary>
    internal static long SysfsSize(string text)
    {
        long scale = text[^1] switch { 'K' => 1024, 'M' => 1024 * 1024, 'G' => 1024 * 1024 * 1024, _ => 1 };
        return long.Parse(scale == 1 ? text : text[..^1], CultureInfo.InvariantCulture) * scale;
    }

    /// <summary>The processors in a sysfs list such as <c>0-3,8,10-11</c>.</summary>
    internal static int CountCpus(string list)
    {
        int count = 0;
        foreach (string part in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int dash = part.IndexOf('-', StringComparison.Ordinal);
            count += dash < 0 ? 1 : int.Parse(part[(dash + 1)..], CultureInfo.InvariantCulture) - int.Parse(part[..dash], CultureInfo.InvariantCulture) + 1;
        }

        return Math.Max(count, 1);
    }

    /// <summary>The caches the processor describes (CPUID leaf 4 on Intel, 0x8000001D on AMD), or null when it describes none.</summary>
    private static CpuCaches? FromCpuid()
    {
        if (!X86Base.IsSupported)
        {
            return null;
        }

        var (maxLeaf, vendorB, vendorC, vendorD) = X86Base.CpuId(0, 0);
        bool amd = vendorB == 0x68747541 && vendorD == 0x69746E65 && vendorC == 0x444D4163; // "AuthenticAMD"
        int leaf = amd ? unchecked((int)0x8000001D) : 4;
        if (amd ? (uint)X86Base.CpuId(unchecked((int)0x80000000), 0).Eax < 0x8000001D : maxLeaf < 4)
        {
            return null;
        }

        int l1 = 0, l2 = 0, l3 = 0;
        for (int sub = 0; sub < 16; sub++)
        {
            var (eax, ebx, ecx, _) = X86Base.CpuId(leaf, sub);
            int type = eax & 0x1F;
            if (type == 0)
            {
                break;
            }

            if (type == 2)
            {
                continue; // instructions
            }

            int level = (eax >> 5) & 0x7;
            long bytes = (long)(((ebx >> 22) & 0x3FF) + 1) * (((ebx >> 12) & 0x3FF) + 1) * ((ebx & 0xFFF) + 1) * ((long)(uint)ecx + 1);
            int sharing = ((eax >> 14) & 0xFFF) + 1;
            switch (level)
            {
                case 1: l1 = (int)Math.Min(int.MaxValue, bytes); break;
                case 2: l2 = (int)Math.Min(int.MaxValue, bytes); break;
                case 3: l3 = (int)Math.Min(int.MaxValue, bytes / sharing); break;
            }
        }

        return l1 > 0 && l2 > 0 ? new CpuCaches(l1, l2, l3, "cpuid") : null;
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"L1d {L1Data / 1024} KB, L2 {L2 / 1024} KB, L3 {L3PerCore / 1024} KB per core ({Source})");
}
