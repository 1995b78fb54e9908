namespace Nabla.Training;

/// <summary>
/// Told about each accepted iteration of a minimizer (<see cref="Lbfgs.Minimize"/>): its number (1-based), f and the point
/// x it ended at. Returns true to stop there.
/// </summary>
/// <param name="iteration">The number of the iteration just completed, from 1.</param>
/// <param name="value">f at <paramref name="point"/>.</param>
/// <param name="point">The iteration's point x, length n; valid only during the call.</param>
/// <returns>True to stop the minimization.</returns>
public delegate bool IterationCallback(int iteration, double value, ReadOnlySpan<double> point);
