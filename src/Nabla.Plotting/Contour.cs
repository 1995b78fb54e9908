namespace Nabla.Plotting;

/// <summary>Marching squares: the line segments where a function of two variables crosses zero on a grid.</summary>
internal static class Contour
{
    public static IEnumerable<((double X, double Y) P, (double X, double Y) Q)> ZeroSegments(Func<double, double, double> g, double x0, double x1, double y0, double y1, int n)
    {
        var values = new double[n + 1, n + 1];
        double dx = (x1 - x0) / n, dy = (y1 - y0) / n;
        for (int i = 0; i <= n; i++)
        {
            for (int j = 0; j <= n; j++)
            {
                values[i, j] = g(x0 + i * dx, y0 + j * dy);
            }
        }

        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                // Corners counter-clockwise from (i, j); collect the edge crossings of this cell.
                var crossings = new List<(double X, double Y)>(4);
                Edge(crossings, values[i, j], values[i + 1, j], x0 + i * dx, y0 + j * dy, x0 + (i + 1) * dx, y0 + j * dy);
                Edge(crossings, values[i + 1, j], values[i + 1, j + 1], x0 + (i + 1) * dx, y0 + j * dy, x0 + (i + 1) * dx, y0 + (j + 1) * dy);
                Edge(crossings, values[i + 1, j + 1], values[i, j + 1], x0 + (i + 1) * dx, y0 + (j + 1) * dy, x0 + i * dx, y0 + (j + 1) * dy);
                Edge(crossings, values[i, j + 1], values[i, j], x0 + i * dx, y0 + (j + 1) * dy, x0 + i * dx, y0 + j * dy);
                for (int c = 0; c + 1 < crossings.Count; c += 2)
                {
                    yield return (crossings[c], crossings[c + 1]);
                }
            }
        }
    }

    private static void Edge(List<(double X, double Y)> crossings, double a, double b, double ax, double ay, double bx, double by)
    {
        if (!double.IsFinite(a) || !double.IsFinite(b) || (a < 0) == (b < 0))
        {
            return;
        }

        double t = a / (a - b);
        crossings.Add((ax + t * (bx - ax), ay + t * (by - ay)));
    }
}
