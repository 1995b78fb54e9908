namespace Nabla.Playground.Engine;

/// <summary>
/// The points of the page in its coordinates (the view is [−6, 6]²): x₁, x₂, the target (class 0 or 1, or a real value for
/// regression) and whether each point is in the test set.
/// </summary>
public sealed class PointSet
{
    /// <summary>Wraps the arrays (no copy); all of the same length.</summary>
    public PointSet(double[] x1, double[] x2, double[] target, bool[] isTest, bool regression)
    {
        ArgumentNullException.ThrowIfNull(x1);
        ArgumentNullException.ThrowIfNull(x2);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(isTest);
        if (x2.Length != x1.Length || target.Length != x1.Length || isTest.Length != x1.Length)
        {
            throw new ArgumentException($"Every point needs x1, x2, a target and a test flag; the lengths are {x1.Length}, {x2.Length}, {target.Length}, {isTest.Length}.", nameof(target));
        }

        (X1, X2, Target, IsTest, Regression) = (x1, x2, target, isTest, regression);
    }

    /// <summary>First coordinate of each point.</summary>
    public double[] X1 { get; }

    /// <summary>Second coordinate of each point.</summary>
    public double[] X2 { get; }

    /// <summary>Class (0 or 1) or, for regression, the value to predict.</summary>
    public double[] Target { get; }

    /// <summary>True for a point of the test set.</summary>
    public bool[] IsTest { get; }

    /// <summary>True when the target is a real value.</summary>
    public bool Regression { get; }

    /// <summary>Number of points.</summary>
    public int Count => X1.Length;

    /// <summary>Indices of the training points, in order.</summary>
    public int[] TrainRows() => [.. Enumerable.Range(0, Count).Where(i => !IsTest[i])];

    /// <summary>Indices of the test points, in order.</summary>
    public int[] TestRows() => [.. Enumerable.Range(0, Count).Where(i => IsTest[i])];
}
