using Nabla.Bayes;

namespace Nabla.Cli.Experiments;

/// <summary>
/// One case of the report's Problem 1: class A centred at (1, 2), class B at (0, 0), both Gaussian N(μ, σ²I) or both
/// uniform on a disk, with N_A and N_B training points and priors P_A = N_A / (N_A + N_B).
/// </summary>
/// <param name="Name">The CLI name, for example <c>gauss-unequal</c>.</param>
/// <param name="IsGaussian">True for Gaussian classes, false for uniform disks.</param>
/// <param name="ScaleA">σ_A (Gaussian) or r_A (disk).</param>
/// <param name="ScaleB">σ_B (Gaussian) or r_B (disk).</param>
/// <param name="CountA">N_A.</param>
/// <param name="CountB">N_B.</param>
/// <param name="ReportPart">Where the report treats the case, for example <c>1(c)-(d)</c>.</param>
internal sealed record BayesVsPerceptronCase(string Name, bool IsGaussian, double ScaleA, double ScaleB, int CountA, int CountB, string ReportPart)
{
    /// <summary>μ_A, the centre of class A.</summary>
    public static IReadOnlyList<double> CentreA { get; } = [1, 2];

    /// <summary>μ_B, the centre of class B.</summary>
    public static IReadOnlyList<double> CentreB { get; } = [0, 0];

    /// <summary>The six cases of the report.</summary>
    public static IReadOnlyList<BayesVsPerceptronCase> All { get; } =
    [
        new("gauss-equal", true, 1, 1, 1000, 1000, "1(a)-(b)"),
        new("gauss-unequal", true, 1, Math.Sqrt(2), 1000, 1000, "1(c)-(d)"),
        new("gauss-unequal-priors", true, 1, Math.Sqrt(2), 700, 1400, "1(e)-(f)"),
        new("disk-equal", false, Math.Sqrt(2), Math.Sqrt(2), 1000, 1000, "1(g)(a)-(b)"),
        new("disk-unequal", false, Math.Sqrt(2), 2, 1000, 1000, "1(g)(c)-(d)"),
        new("disk-unequal-priors", false, Math.Sqrt(2), 2, 700, 1400, "1(g)(e)-(f)"),
    ];

    /// <summary>P_A = N_A / (N_A + N_B).</summary>
    public double PriorA => (double)CountA / (CountA + CountB);

    /// <summary>P_B = N_B / (N_A + N_B).</summary>
    public double PriorB => (double)CountB / (CountA + CountB);

    /// <summary>p(x | A): N((1, 2), σ_A² I) or uniform on the disk of radius r_A about (1, 2).</summary>
    public IDensity DensityA => IsGaussian ? GaussianDensity.Isotropic(CentreA, ScaleA) : new UniformBallDensity(CentreA, ScaleA);

    /// <summary>p(x | B): N((0, 0), σ_B² I) or uniform on the disk of radius r_B about (0, 0).</summary>
    public IDensity DensityB => IsGaussian ? GaussianDensity.Isotropic(CentreB, ScaleB) : new UniformBallDensity(CentreB, ScaleB);

    /// <summary>The case called <paramref name="name"/>.</summary>
    /// <exception cref="CliException">No such case; the message lists the valid names.</exception>
    public static BayesVsPerceptronCase Get(string name) =>
        All.FirstOrDefault(c => c.Name == name)
        ?? throw new CliException($"Unknown case '{name}'. The cases are: {string.Join(", ", All.Select(c => c.Name))}.");

    /// <summary>One line describing the classes, for example "A ~ N((1,2), 1·I), B ~ N((0,0), 2·I), N_A = 1000, N_B = 1000".</summary>
    public string Describe()
    {
        static string F(double v) => v.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);
        return IsGaussian
            ? $"A ~ N((1,2), {F(ScaleA * ScaleA)}·I), B ~ N((0,0), {F(ScaleB * ScaleB)}·I), N_A = {CountA}, N_B = {CountB}"
            : $"A uniform in the disk of radius {F(ScaleA)} about (1,2), B uniform in the disk of radius {F(ScaleB)} about (0,0), N_A = {CountA}, N_B = {CountB}";
    }
}
