using System.Numerics;
using Nabla.Activations;

namespace Nabla.Tests.Activations;

/// <summary>
/// An activation gives the same bits for the same z wherever the batch lies in memory: TensorPrimitives' vector e^x treats
/// a vector holding one value beyond its range differently, and which values share a vector depends on the alignment.
/// </summary>
public class ActivationPlacementTests
{
    public static TheoryData<string> Names => ["sigmoid", "tanh", "softmax"];

    [Theory, MemberData(nameof(Names))]
    public void Same_bits_at_every_alignment_in_double(string name) => SameBits<double>(name, [-2000, -745, -710, -700, 800, 1e300]);

    [Theory, MemberData(nameof(Names))]
    public void Same_bits_at_every_alignment_in_float(string name) => SameBits<float>(name, [-2000, -100, -89, 89, 200, 1e30f]);

    [Fact]
    public void Saturated_values_are_those_of_the_function()
    {
        var z = new double[] { -2000, -708, 40, 2000 };
        var a = new double[4];
        Activation.Sigmoid.Forward<double>(z, a, 4);
        Assert.Equal(Math.Exp(-708) / (1 + Math.Exp(-708)), a[1], 1e-320);
        Assert.InRange(a[0], 0, 1e-307);
        Assert.Equal([1.0, 1.0], a[2..]);
        Activation.Tanh.Forward<double>(z, a, 4);
        Assert.Equal([-1.0, -1.0, 1.0, 1.0], a);
    }

    private static void SameBits<T>(string name, T[] outliers)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var activation = Activation.Parse(name);
        var random = new Random(1);
        const int n = 80, width = 5;
        var z = new T[n];
        for (int i = 0; i < n; i++)
        {
            z[i] = i % 7 == 0 ? outliers[i / 7 % outliers.Length] : T.CreateChecked(60 * random.NextDouble() - 40);
        }

        T[]? first = null;
        for (int zOffset = 0; zOffset < 8; zOffset++)
        {
            for (int aOffset = 0; aOffset < 8; aOffset++)
            {
                var zs = new T[n + 8];
                var a = new T[n + 8];
                z.CopyTo(zs, zOffset);
                activation.Forward<T>(zs.AsSpan(zOffset, n), a.AsSpan(aOffset, n), width);
                var result = a.AsSpan(aOffset, n).ToArray();
                Assert.All(result, v => Assert.True(T.IsFinite(v)));
                first ??= result;
                Assert.Equal(first, result);
            }
        }
    }
}
