using Nabla.Tensors;

namespace Nabla.Bayes;

/// <summary>
/// The smallest ball containing a set of points, by Welzl's algorithm in Gärtner's move-to-front form: expected linear
/// time in the number of points for a fixed dimension, recursion at most d + 1 deep.
/// </summary>
internal static class MinimumEnclosingBall
{
    /// <summary>The centre and radius of the smallest ball containing every row of <paramref name="points"/>.</summary>
    public static (double[] Centre, double Radius) Find(Matrix<double> points)
    {
        int n = points.Rows, d = points.Columns;

        // A random order makes the expected time linear; a fixed seed keeps the result reproducible.
        var order = Enumerable.Range(0, n).ToArray();
        new Random(20240601).Shuffle(order);
        var list = new List<int>(order);
        var (centre, _) = MoveToFront(points, d, list, n, []);

        // The radius is the farthest point's distance from the centre, so every point is inside exactly (rounding in the
        // circumsphere solve can leave a support point a hair outside).
        double r2 = 0;
        for (int i = 0; i < n; i++)
        {
            r2 = Math.Max(r2, Distance2(points.Row(i), centre));
        }

        // √ can round down; step up to the next double so that radius² ≥ r2 and the farthest point stays inside.
        double radius = Math.Sqrt(r2);
        while (radius * radius < r2)
        {
            radius = Math.BitIncrement(radius);
        }

        return (centre, radius);
    }

    private static (double[] Centre, double R2) MoveToFront(Matrix<double> points, int d, List<int> list, int end, List<int> support)
    {
        var ball = Circumsphere(points, d, support);
        if (support.Count == d + 1)
        {
            return ball;
        }

        for (int i = 0; i < end; i++)
        {
            int p = list[i];
            double r2 = ball.R2;
            if (Distance2(points.Row(p), ball.Centre) > r2 + 1e-12 * Math.Max(r2, 0) || r2 < 0)
            {
                support.Add(p);
                if (Circumsphere(points, d, support).R2 >= 0)
                {
                    ball = MoveToFront(points, d, list, i, support);
                }

                support.RemoveAt(support.Count - 1);
                list.RemoveAt(i);
                list.Insert(0, p);
            }
        }

        return ball;
    }

    /// <summary>
    /// The smallest sphere through every support point: its centre lies in their affine hull, c = q₀ + Σ λⱼ (qⱼ − q₀) with
    /// 2 Σₖ λₖ (qⱼ − q₀)·(qₖ − q₀) = ‖qⱼ − q₀‖². R2 is −1 for no points, or for affinely dependent points (no such sphere).
    /// </summary>
    private static (double[] Centre, double R2) Circumsphere(Matrix<double> points, int d, List<int> support)
    {
        int k = support.Count;
        var centre = new double[d];
        if (k == 0)
        {
            return (centre, -1);
        }

        var q0 = points.Row(support[0]);
        q0.CopyTo(centre);
        if (k == 1)
        {
            return (centre, 0);
        }

        int m = k - 1;
        var differences = new double[m][];
        for (int j = 0; j < m; j++)
        {
            var q = points.Row(support[j + 1]);
            differences[j] = new double[d];
            for (int t = 0; t < d; t++)
            {
                differences[j][t] = q[t] - q0[t];
            }
        }

        var a = new double[m * m];
        var b = new double[m];
        for (int j = 0; j < m; j++)
        {
            for (int l = 0; l < m; l++)
            {
                a[j * m + l] = 2 * Dot(differences[j], differences[l]);
            }

            b[j] = Dot(differences[j], differences[j]);
        }

        if (!DenseAlgebra.TrySolve(a, b, m, 1e-10))
        {
            return (centre, -1);
        }

        for (int j = 0; j < m; j++)
        {
            for (int t = 0; t < d; t++)
            {
                centre[t] += b[j] * differences[j][t];
            }
        }

        return (centre, Distance2(q0, centre));
    }

    private static double Dot(double[] u, double[] v)
    {
        double s = 0;
        for (int i = 0; i < u.Length; i++)
        {
            s += u[i] * v[i];
        }

        return s;
    }

    private static double Distance2(ReadOnlySpan<double> x, double[] c)
    {
        double s = 0;
        for (int i = 0; i < c.Length; i++)
        {
            double t = x[i] - c[i];
            s += t * t;
        }

        return s;
    }
}
