using Nabla.Tensors;
using Nabla.Tests.Training;

namespace Nabla.Tests.Tensors;

/// <summary>
/// The matrix product allocates nothing in steady state. Alone in its collection: when another test holds the product's
/// thread pool, a two-thread product runs on the calling thread alone, whose first larger packing buffers would count.
/// </summary>
[Collection(ProcessWideAllocationCollection.Name)]
public class GemmAllocationTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Steady_state_products_allocate_nothing(int threads)
    {
        const int m = 150, n = 170, k = 190;
        var random = new Random(6);
        var a = GemmKernelTests.RandomArray<float>(random, m * k);
        var b = GemmKernelTests.RandomArray<float>(random, k * n);
        var c = new float[m * n];
        var ad = GemmKernelTests.RandomArray<double>(random, m * k);
        var bd = GemmKernelTests.RandomArray<double>(random, k * n);
        var cd = new double[m * n];
        for (int i = 0; i < 3; i++)
        {
            Run();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 5; i++)
        {
            Run();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);

        void Run()
        {
            Gemm.Multiply<float>(false, false, m, n, k, a, b, c, false, GemmKernelKind.Auto, threads);
            Gemm.Multiply<float>(true, true, m, n, k, a, b, c, true, GemmKernelKind.Auto, threads);
            Gemm.Multiply<double>(false, true, m, n, k, ad, bd, cd, false, GemmKernelKind.Auto, threads);
            Gemm.Multiply<float>(false, false, 2, 2, 2, a, b, c, false, GemmKernelKind.Auto, threads);
        }
    }
}
