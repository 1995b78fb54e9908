using System.Runtime.Intrinsics;

namespace Nabla.Tensors;

/// <summary>
/// Register tile and cache blocks of a packed product: MR × NR tiles of C; KC steps of the shared dimension, MC rows of
/// A and NC columns of B per block.
/// </summary>
/// <param name="MR">Rows of a tile (and of a packed A panel).</param>
/// <param name="NR">Columns of a tile (and of a packed B panel).</param>
/// <param name="KC">Steps of the shared dimension per block.</param>
/// <param name="MC">Rows of A per packed block, a multiple of <paramref name="MR"/>.</param>
/// <param name="NC">Columns of B per packed block, a multiple of <paramref name="NR"/>.</param>
internal readonly record struct GemmBlocking(int MR, int NR, int KC, int MC, int NC)
{
    /// <summary>The largest and smallest KC: longer panels gain nothing once the tile's loads are hidden, shorter ones pay the tile's loads and stores of C too often.</summary>
    private const int MaxKCBytes = 512 * 4, MinKCBytes = 128 * 4;

    /// <summary>The most rows of A per block; past this the panels no longer stay in the level-3 cache.</summary>
    private const int MaxMC = 1536;

    /// <summary>
    /// The blocking of <paramref name="kind"/> for elements of <paramref name="elementSize"/> bytes on a machine with
    /// <paramref name="caches"/>. The micro-kernel keeps its MR × KC panel of A in L1 while the KC × NC block of B streams
    /// from L2, and the MC × KC block of A waits in L3 between column blocks, so:
    /// KC fills 3/8 of L1 with the A panel (room left for the B panel streaming through and for C's tile);
    /// NC fills 9/16 of L2 with the B block; MC fills half of the core's share of L3 with the A block.
    /// On the 48 KB L1, 1 MB L2 of the machine the blocks were first tuned on, this gives the tuned float blocks
    /// (KC 384, NC 384, MC 1536 for the AVX-512 kernel).
    /// </summary>
    public static GemmBlocking For(GemmKernelKind kind, int elementSize, CpuCaches caches)
    {
        var (mr, nr) = Tile(kind, elementSize);
        int kc = RoundDown(caches.L1Data * 3 / 8 / (mr * elementSize), 16);
        kc = Math.Clamp(kc, MinKCBytes / elementSize, MaxKCBytes / elementSize);
        int nc = Math.Max(nr, RoundDown(caches.L2 * 9 / 16 / (kc * elementSize), nr));
        int mcFromL3 = caches.L3PerCore > 0 ? caches.L3PerCore / 2 / (kc * elementSize) : MaxMC;
        int mc = Math.Max(mr, RoundDown(Math.Min(mcFromL3, MaxMC), mr));
        return new GemmBlocking(mr, nr, kc, mc, nc);
    }

    /// <summary>The register tile of <paramref name="kind"/>: MR rows by two vectors of columns.</summary>
    public static (int MR, int NR) Tile(GemmKernelKind kind, int elementSize) => kind switch
    {
        GemmKernelKind.Avx512 => (12, 2 * Vector512<byte>.Count / elementSize),
        GemmKernelKind.Avx2 => (6, 2 * Vector256<byte>.Count / elementSize),
        _ => (4, 2 * System.Numerics.Vector<byte>.Count / elementSize),
    };

    private static int RoundDown(int value, int unit) => Math.Max(unit, value / unit * unit);
}
