using Nabla.Tensors;

namespace Nabla.Tests.Tensors;

public class DenseAlgebraTests
{
    [Fact]
    public void Cholesky_solves_a_positive_definite_system_in_two_triangular_steps()
    {
        double[] a = [4, 2, 0.4, 2, 5, 1, 0.4, 1, 3];
        Assert.True(DenseAlgebra.TryCholesky(a, 3, 0, out var l, out int failed));
        Assert.Equal(-1, failed);

        // A x = b for x = (1, −2, 3): b = A x; then L z = b and Lᵀ x = z.
        double[] x = [1, -2, 3];
        var b = new double[3];
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                b[i] += a[i * 3 + j] * x[j];
            }
        }

        DenseAlgebra.SolveLower(l, 3, b);
        DenseAlgebra.SolveLowerTransposed(l, 3, b);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(x[i], b[i], 1e-14);
        }

        Assert.Equal(l, DenseAlgebra.Cholesky(a, 3));
    }

    [Fact]
    public void Cholesky_reports_the_first_pivot_that_is_a_combination_of_the_earlier_rows()
    {
        // Row and column 2 are row 0 plus row 1 of a Gram matrix: the third pivot vanishes.
        double[] v0 = [1, 0, 2, 1], v1 = [0, 1, 1, 3];
        double[] v2 = [.. v0.Zip(v1, (p, q) => p + q)];
        double[][] vectors = [v0, v1, v2];
        var gram = new double[9];
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                gram[i * 3 + j] = vectors[i].Zip(vectors[j], (p, q) => p * q).Sum();
            }
        }

        Assert.False(DenseAlgebra.TryCholesky(gram, 3, 1e-12, out _, out int failed));
        Assert.Equal(2, failed);
        Assert.Null(DenseAlgebra.Cholesky(gram, 3));
    }
}
