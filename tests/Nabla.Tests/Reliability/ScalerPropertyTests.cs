using CsCheck;
using Nabla.Data.Preprocessing;
using Nabla.Tensors;

namespace Nabla.Tests.Reliability;

/// <summary><see cref="Scaler.InverseTransform{T}"/> undoes <see cref="Scaler.Transform{T}"/>, for columns of any scale and offset.</summary>
public class ScalerPropertyTests
{
    private sealed record Case(ScalerKind Kind, int Rows, int Columns, int Seed, bool Masked)
    {
        public override string ToString() => $"{Kind} rows={Rows} columns={Columns} masked={Masked} seed={Seed}";
    }

    private static readonly Gen<Case> Cases = Gen.Select(Gen.Int[0, 2].Select(k => (ScalerKind)k), Gen.Int[1, 40], Gen.Int[1, 6], Gen.Int[0, 1_000_000], Gen.Bool,
        (kind, rows, columns, seed, masked) => new Case(kind, rows, columns, seed, masked));

    /// <summary>
    /// Columns with magnitudes from 1e-100 to 1e100, offsets far from the spread (1e6 ± 1e-3), constant columns, exact integers:
    /// each value comes back within a few units of roundoff of max(|x|, |offset|, scale) per column.
    /// </summary>
    [Fact]
    public void Inverse_undoes_transform_in_double() => Check<double>(Math.Pow(2, -52), maxExponent: 100);

    [Fact]
    public void Inverse_undoes_transform_in_float() => Check<float>(Math.Pow(2, -23), maxExponent: 30);

    private static void Check<T>(double epsilon, int maxExponent)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        Cases.Sample(c =>
        {
            var random = new Random(c.Seed);
            var x = new Matrix<double>(c.Rows, c.Columns);
            for (int j = 0; j < c.Columns; j++)
            {
                double scale = Math.Pow(10, random.Next(-maxExponent, maxExponent + 1));
                double offset = random.Next(3) switch { 0 => 0, 1 => scale * 1e6 * (random.NextDouble() - 0.5), _ => scale * random.Next(-5, 6) };
                int shape = random.Next(4);
                for (int i = 0; i < c.Rows; i++)
                {
                    x[i, j] = shape switch
                    {
                        0 => offset, // constant column
                        1 => offset + random.Next(-3, 4) * scale, // a few exact levels
                        _ => offset + scale * (2 * random.NextDouble() - 1),
                    };
                    x[i, j] = double.CreateChecked(T.CreateChecked(x[i, j])); // representable in T
                }
            }

            bool[]? mask = c.Masked ? [.. Enumerable.Range(0, c.Columns).Select(_ => random.Next(2) == 0)] : null;
            var scaler = Scaler.Fit(x, c.Kind, mask);
            var typed = new Matrix<T>(c.Rows, c.Columns);
            for (int i = 0; i < c.Rows; i++)
            {
                for (int j = 0; j < c.Columns; j++)
                {
                    typed[i, j] = T.CreateChecked(x[i, j]);
                }
            }

            var scaled = scaler.Transform(typed);
            var back = scaler.InverseTransform(scaled);
            for (int i = 0; i < c.Rows; i++)
            {
                for (int j = 0; j < c.Columns; j++)
                {
                    double original = x[i, j], actual = double.CreateChecked(back[i, j]);
                    Assert.True(T.IsFinite(scaled[i, j]), $"{c}: Transform gave {scaled[i, j]} for x[{i},{j}] = {original:R}");
                    double size = Math.Max(Math.Abs(original), Math.Max(Math.Abs(scaler.Offsets[j]), scaler.Scales[j]));
                    double bound = 4 * epsilon * size;
                    Assert.True(Math.Abs(actual - original) <= bound,
                        $"{c}: x[{i},{j}] = {original:R} came back as {actual:R} (offset {scaler.Offsets[j]:R}, scale {scaler.Scales[j]:R}); error {Math.Abs(actual - original):E3} > {bound:E3}");
                    if (mask is not null && !mask[j] || c.Kind == ScalerKind.None)
                    {
                        Assert.Equal(original, actual); // unscaled columns pass through exactly
                    }
                }
            }
        }, iter: 300);
    }
}
