using Nabla.Tensors;

namespace Nabla.Tests;

public class SmokeTests
{
    [Fact]
    public void Product_of_small_matrices_is_right()
    {
        var a = Matrix<double>.FromArray(new double[,] { { 1, 2 }, { 3, 4 } });
        var b = Matrix<double>.FromArray(new double[,] { { 5, 6 }, { 7, 8 } });
        var c = MatrixMath.Multiply(a, b);
        Assert.Equal(new double[,] { { 19, 22 }, { 43, 50 } }, c.ToArray());
    }
}
