namespace Nabla.Sampling;

/// <summary>Draws from the distributions Nabla needs, on top of a seeded <see cref="Random"/>.</summary>
internal static class RandomExtensions
{
    /// <summary>A standard normal draw N(0, 1) by the Box–Muller transform (two uniforms per draw, so the sequence depends only on the seed).</summary>
    public static double NextGaussian(this Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        double u1 = 1.0 - random.NextDouble(); // in (0, 1]: log(u1) is finite
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
