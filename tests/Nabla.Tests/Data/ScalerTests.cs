using Nabla.Data.Preprocessing;
using Nabla.Tensors;

namespace Nabla.Tests.Data;

/// <summary>The scaler's statistics stay finite for any finite data, and it refuses scales that would make infinities.</summary>
public sealed class ScalerTests
{
    [Fact]
    public void A_range_beyond_the_largest_double_cannot_be_min_max_scaled_and_says_so()
    {
        var x = Matrix<double>.ColumnVector([1e308, -1e308]);
        Assert.Contains("use standard scaling", Assert.Throws<ArgumentException>(() => Scaler.Fit(x, ScalerKind.MinMax)).Message);
    }

    [Theory]
    [InlineData(ScalerKind.Standard)]
    public void Values_near_the_largest_double_scale_without_overflow(ScalerKind kind)
    {
        // 60 finite values of ±1e308: their sum and their range overflow, their statistics do not.
        var x = Matrix<double>.ColumnVector([.. Enumerable.Range(0, 60).Select(i => i % 2 == 0 ? 1e308 : -1e308)]);
        var scaler = Scaler.Fit(x, kind);
        Assert.True(double.IsFinite(scaler.Offsets[0]) && double.IsFinite(scaler.Scales[0]));
        var scaled = scaler.Transform(x);
        Assert.True(scaled.IsFinite());
        Assert.Equal(0, scaler.Offsets[0], 1e290);
        Assert.Equal(1e308, scaler.Scales[0], 1e295);
        Assert.Equal(1, scaled[0, 0], 12);
    }

    [Fact]
    public void Ordinary_data_scales_exactly_as_before()
    {
        var x = Matrix<double>.ColumnVector([1.0, 2.0, 4.0, 8.0]);
        var scaler = Scaler.Fit(x, ScalerKind.Standard);
        Assert.Equal(3.75, scaler.Offsets[0]);
        Assert.Equal(Math.Sqrt((7.5625 + 3.0625 + 0.0625 + 18.0625) / 4), scaler.Scales[0]);
    }

    [Fact]
    public void A_subnormal_scale_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => new Scaler(ScalerKind.Standard, [0.0, 0.0], [1e-320, 1.0]));
        Assert.Contains("scale 1E-320", e.Message.Replace("9.99988671826831E-321", "1E-320", StringComparison.Ordinal));
        Assert.Contains("not subnormal", e.Message);
    }
}
