using System.Numerics;
using CsCheck;
using Nabla.Tensors;

namespace Nabla.Tests.Reliability;

/// <summary>
/// <see cref="MatrixMath.Multiply{T}(Matrix{T}, Matrix{T}, Matrix{T}, bool, bool, bool)"/> against a plain triple loop, on random
/// shapes from 1 to 70 (across the kernels' block edges), every transpose combination, with and without accumulation.
/// </summary>
public class GemmPropertyTests
{
    private sealed record Case(int M, int N, int K, bool TransposeA, bool TransposeB, bool Accumulate, int Scale, int Seed)
    {
        public override string ToString() => $"m={M} n={N} k={K} tA={TransposeA} tB={TransposeB} accumulate={Accumulate} scale=1e{Scale} seed={Seed}";
    }

    private static readonly Gen<Case> Cases = Gen.Select(Gen.Int[1, 70], Gen.Int[1, 70], Gen.Int[1, 70], Gen.Bool, Gen.Bool, Gen.Bool, Gen.Int[-3, 3], Gen.Int[0, 1_000_000],
        (m, n, k, ta, tb, acc, scale, seed) => new Case(m, n, k, ta, tb, acc, scale, seed));

    [Fact]
    public void Double_matches_the_triple_loop() => Check<double>(Math.Pow(2, -53));

    [Fact]
    public void Float_matches_the_triple_loop() => Check<float>(Math.Pow(2, -24));

    [Fact]
    public void Every_transpose_combination_is_reached()
    {
        // The generator covers all four combinations (and both accumulate settings) within the sampled cases.
        var seen = new HashSet<(bool, bool, bool)>();
        Cases.Sample(c =>
        {
            lock (seen)
            {
                seen.Add((c.TransposeA, c.TransposeB, c.Accumulate));
            }
        }, iter: 300, threads: 1);
        Assert.Equal(8, seen.Count);
    }

    /// <summary>
    /// |C − C_ref| ≤ (k + 2)·u·(|C₀| + Σₚ |a_ip||b_pj|) per entry: the classical bound of a k-term dot product in unit roundoff u
    /// (any summation order), plus the initial value when accumulating. The reference is computed in double with FMA error
    /// terms and compensated summation, so its own error is negligible even for T = double.
    /// </summary>
    private static void Check<T>(double unitRoundoff)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Cases.Sample(c =>
        {
            var random = new Random(c.Seed);
            double magnitude = Math.Pow(10, c.Scale);
            var a = RandomMatrix<T>(random, c.TransposeA ? c.K : c.M, c.TransposeA ? c.M : c.K, magnitude);
            var b = RandomMatrix<T>(random, c.TransposeB ? c.N : c.K, c.TransposeB ? c.K : c.N, magnitude);
            var initial = c.Accumulate ? RandomMatrix<T>(random, c.M, c.N, magnitude * magnitude) : new Matrix<T>(c.M, c.N);
            var result = new Matrix<T>(c.M, c.N);
            for (int i = 0; i < c.M; i++)
            {
                for (int j = 0; j < c.N; j++)
                {
                    // Without accumulation the destination's old contents must be ignored: fill it with garbage.
                    result[i, j] = c.Accumulate ? initial[i, j] : T.CreateChecked(1e30 * (i - j));
                }
            }

            MatrixMath.Multiply(a, b, result, c.TransposeA, c.TransposeB, c.Accumulate);
            for (int i = 0; i < c.M; i++)
            {
                for (int j = 0; j < c.N; j++)
                {
                    double sum = 0, compensation = 0, absolute = 0;
                    void Add(double term)
                    {
                        double t = sum + term;
                        compensation += Math.Abs(sum) >= Math.Abs(term) ? (sum - t) + term : (term - t) + sum;
                        sum = t;
                    }

                    if (c.Accumulate)
                    {
                        double c0 = double.CreateChecked(initial[i, j]);
                        Add(c0);
                        absolute += Math.Abs(c0);
                    }

                    for (int p = 0; p < c.K; p++)
                    {
                        double x = double.CreateChecked(c.TransposeA ? a[p, i] : a[i, p]);
                        double y = double.CreateChecked(c.TransposeB ? b[j, p] : b[p, j]);
                        double product = x * y;
                        Add(product);
                        Add(Math.FusedMultiplyAdd(x, y, -product));
                        absolute += Math.Abs(product);
                    }

                    double expected = sum + compensation;
                    double actual = double.CreateChecked(result[i, j]);
                    double bound = (c.K + 2) * unitRoundoff * absolute + double.CreateChecked(T.Epsilon);
                    if (!(Math.Abs(actual - expected) <= bound))
                    {
                        throw new Xunit.Sdk.XunitException(
                            $"{typeof(T).Name} C[{i},{j}] = {actual:R}, the triple loop gives {expected:R}: error {Math.Abs(actual - expected):E3} above the bound {bound:E3} (Σ|a||b| = {absolute:E3}).");
                    }
                }
            }
        }, iter: 250);
    }

    /// <summary>Entries uniform in ±magnitude·[0.5, 2), with a random sign, some exact zeros and some exact small integers.</summary>
    private static Matrix<T> RandomMatrix<T>(Random random, int rows, int columns, double magnitude)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var m = new Matrix<T>(rows, columns);
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                double v = random.Next(10) switch
                {
                    0 => 0,
                    1 => random.Next(-4, 5),
                    _ => (random.Next(2) == 0 ? -1 : 1) * magnitude * (0.5 + 1.5 * random.NextDouble()),
                };
                m[i, j] = T.CreateChecked(v);
            }
        }

        return m;
    }
}
