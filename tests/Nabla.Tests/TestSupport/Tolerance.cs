namespace Nabla.Tests.TestSupport;

/// <summary>Compares doubles to within an absolute tolerance, for Assert.Equal on sequences.</summary>
internal sealed class Tolerance(double epsilon) : IEqualityComparer<double>
{
    public bool Equals(double x, double y) => Math.Abs(x - y) <= epsilon;

    public int GetHashCode(double obj) => 0;
}
