using Nabla.Tensors;

namespace Nabla.Tests.Tensors;

public sealed class SymmetricEigenTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(5, 3)]
    [InlineData(12, 4)]
    public void A_matrix_built_from_known_eigenpairs_gives_them_back(int n, int seed)
    {
        // A = Q diag(λ) Qᵀ with Q orthogonal (Gram–Schmidt of random columns) and λ chosen, two of them 0 when n > 2.
        var random = new Random(seed);
        var q = new double[n, n];
        for (int k = 0; k < n; k++)
        {
            var v = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
            for (int p = 0; p < k; p++)
            {
                double dot = Enumerable.Range(0, n).Sum(i => v[i] * q[i, p]);
                for (int i = 0; i < n; i++)
                {
                    v[i] -= dot * q[i, p];
                }
            }

            double norm = Math.Sqrt(v.Sum(e => e * e));
            for (int i = 0; i < n; i++)
            {
                q[i, k] = v[i] / norm;
            }
        }

        double[] lambda = [.. Enumerable.Range(0, n).Select(k => n > 2 && k < 2 ? 0 : 1 + 3 * k)];
        var a = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                a[i * n + j] = Enumerable.Range(0, n).Sum(k => q[i, k] * lambda[k] * q[j, k]);
            }
        }

        DenseAlgebra.SymmetricEigen(a, n, out var values, out var vectors);
        Assert.Equal(lambda.Order().ToArray(), values.Order().ToArray(), (x, y) => Math.Abs(x - y) < 1e-12 * (1 + 3 * n));
        for (int k = 0; k < n; k++)
        {
            // A v = λ v, and ‖v‖ = 1.
            double norm = 0;
            for (int i = 0; i < n; i++)
            {
                double av = Enumerable.Range(0, n).Sum(j => a[i * n + j] * vectors[j * n + k]);
                Assert.Equal(values[k] * vectors[i * n + k], av, 1e-11);
                norm += vectors[i * n + k] * vectors[i * n + k];
            }

            Assert.Equal(1, norm, 12);
        }
    }
}
