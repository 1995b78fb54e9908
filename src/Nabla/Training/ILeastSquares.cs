namespace Nabla.Training;

/// <summary>
/// A least-squares problem for <see cref="LevenbergMarquardt"/>: minimize ½‖r(θ)‖² over θ (length <see cref="Size"/>),
/// where the minimizer's own objective is F = <see cref="Scale"/> · ½‖r‖² (a network's mean squared error plus its L2 penalty).
/// </summary>
internal interface ILeastSquares
{
    /// <summary>n, the number of parameters.</summary>
    int Size { get; }

    /// <summary>κ &gt; 0 in F = κ · ½‖r‖²: how values, gradients and the tolerance are reported.</summary>
    double Scale { get; }

    /// <summary>½‖r(θ)‖² at <paramref name="point"/>.</summary>
    double Value(ReadOnlySpan<double> point);

    /// <summary>
    /// ½‖r(θ)‖² at <paramref name="point"/>, with the Gauss–Newton matrix JᵀJ (n × n, row-major) in <paramref name="gram"/> and
    /// Jᵀr (the gradient of ½‖r‖²) in <paramref name="gradient"/>, J = ∂r/∂θ.
    /// </summary>
    double Linearize(ReadOnlySpan<double> point, double[] gram, double[] gradient);
}
