using Nabla.Tensors;

namespace Nabla.Tests.Tensors;

/// <summary>One sample through a layer, z = a Wᵀ: the dot-product path, shared among threads when W is large.</summary>
public class SingleRowProductTests
{
    [Theory]
    [InlineData(256, 784)]
    [InlineData(257, 515)]
    [InlineData(9, 33)]
    [InlineData(300, 7)]
    public void Matches_a_naive_reference_and_does_not_depend_on_the_thread_count(int n, int k)
    {
        var random = new Random(n * 1000 + k);
        var a = new Matrix<float>(1, k);
        var w = new Matrix<float>(n, k);
        foreach (var m in new[] { a, w })
        {
            var s = m.AsSpan();
            for (int i = 0; i < s.Length; i++)
            {
                s[i] = (float)(random.NextDouble() - 0.5);
            }
        }

        int saved = ComputeSettings.MaxThreads;
        try
        {
            ComputeSettings.MaxThreads = 1;
            var one = MatrixMath.Multiply(a, w, transposeB: true);
            ComputeSettings.MaxThreads = Environment.ProcessorCount;
            var all = MatrixMath.Multiply(a, w, transposeB: true);
            var again = MatrixMath.Multiply(a, w, transposeB: true);

            Assert.True(one.Equals(all), "the result changed with the thread count");
            Assert.True(all.Equals(again), "the result changed between runs");
            for (int j = 0; j < n; j++)
            {
                double expected = 0;
                for (int p = 0; p < k; p++)
                {
                    expected += (double)a[0, p] * w[j, p];
                }

                Assert.Equal(expected, all[0, j], 1e-4 * Math.Sqrt(k));
            }
        }
        finally
        {
            ComputeSettings.MaxThreads = saved;
        }
    }
}
