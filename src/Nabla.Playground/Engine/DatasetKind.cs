namespace Nabla.Playground.Engine;

/// <summary>The 2-D datasets the playground draws from (the first nine are classification sets, then two regression sets, then the uploaded CSV).</summary>
public enum DatasetKind
{
    /// <summary>A disk inside a ring (concentric circles).</summary>
    Circle,

    /// <summary>Four noisy corners, the label their XOR.</summary>
    Xor,

    /// <summary>Two Gaussian blobs with known densities (the Bayes boundary is drawn).</summary>
    Gaussians,

    /// <summary>Two interleaved spirals.</summary>
    Spiral,

    /// <summary>Two interleaving half moons.</summary>
    Moons,

    /// <summary>Points above / below y = sin x.</summary>
    Sine,

    /// <summary>Points above / below y = x³.</summary>
    Cubic,

    /// <summary>Points above / below y = |x|.</summary>
    Abs,

    /// <summary>
    /// One of the report's cases of known densities (<see cref="PlaygroundSettings.Case"/>): A (class 1) about (1, 2) and B
    /// (class 0) about (0, 0), Gaussian or uniform on disks, with the report's priors.
    /// </summary>
    Report,

    /// <summary>Regression: the target is a tilted plane over the square.</summary>
    Plane,

    /// <summary>Regression: the target is a sum of two Gaussian bumps.</summary>
    Bumps,

    /// <summary>Points read from an uploaded CSV file (kept in the browser).</summary>
    Csv,
}
