namespace Nabla.Metrics;

/// <summary>How well one class is recognized.</summary>
/// <typeparam name="TLabel">The label type.</typeparam>
/// <param name="Class">The class.</param>
/// <param name="Precision">Of the samples predicted as this class, the fraction that are (0 when none was predicted).</param>
/// <param name="Recall">Of the samples of this class, the fraction predicted as it (0 when there are none).</param>
/// <param name="F1">The harmonic mean of precision and recall.</param>
/// <param name="Support">The number of samples of this class.</param>
public sealed record ClassScores<TLabel>(TLabel Class, double Precision, double Recall, double F1, int Support)
    where TLabel : notnull;
