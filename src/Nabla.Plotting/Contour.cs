namespace Nabla.Plotting;

/// <summary>
/// Marching squares: the curves where a function of two variables crosses zero, traced on a grid and joined into polylines
/// (open ones end on the grid's border or where the function is not finite; closed ones repeat their first point at the end).
/// </summary>
internal static class Contour
{
    public static List<List<(double X, double Y)>> ZeroPolylines(Func<double, double, double> g, PlotArea area, int n)
    {
        int nodes = n + 1;
        var values = new double[nodes, nodes];
        double dx = area.Width / n, dy = area.Height / n;
        for (int i = 0; i <= n; i++)
        {
            for (int j = 0; j <= n; j++)
            {
                values[i, j] = g(area.XMin + i * dx, area.YMin + j * dy);
            }
        }

        // Each grid edge has an id; its crossing is computed once, so the two cells sharing an edge share the point exactly.
        // Horizontal edge (i, j)–(i+1, j) is 2(i·(n+1) + j); vertical edge (i, j)–(i, j+1) is 2(i·(n+1) + j) + 1.
        var points = new Dictionary<int, (double X, double Y)>();
        var neighbours = new Dictionary<int, List<int>>();
        int Horizontal(int i, int j) => 2 * (i * nodes + j);
        int Vertical(int i, int j) => 2 * (i * nodes + j) + 1;

        bool Crossing(int id, out (double X, double Y) point)
        {
            if (points.TryGetValue(id, out point))
            {
                return true;
            }

            int cell = id / 2, i = cell / nodes, j = cell % nodes;
            bool horizontal = id % 2 == 0;
            double a = values[i, j], b = horizontal ? values[i + 1, j] : values[i, j + 1];
            if (!double.IsFinite(a) || !double.IsFinite(b) || (a < 0) == (b < 0))
            {
                return false;
            }

            double t = a / (a - b);
            double x = area.XMin + i * dx, y = area.YMin + j * dy;
            point = horizontal ? (x + t * dx, y) : (x, y + t * dy);
            points[id] = point;
            return true;
        }

        void Join(int p, int q)
        {
            Neighbours(p).Add(q);
            Neighbours(q).Add(p);
        }

        List<int> Neighbours(int id)
        {
            if (!neighbours.TryGetValue(id, out var list))
            {
                list = new List<int>(2);
                neighbours[id] = list;
            }

            return list;
        }

        var crossing = new List<int>(4);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                // The cell's edges counter-clockwise from the bottom: bottom, right, top, left.
                crossing.Clear();
                foreach (int id in (ReadOnlySpan<int>)[Horizontal(i, j), Vertical(i + 1, j), Horizontal(i, j + 1), Vertical(i, j)])
                {
                    if (Crossing(id, out _))
                    {
                        crossing.Add(id);
                    }
                }

                if (crossing.Count == 2)
                {
                    Join(crossing[0], crossing[1]);
                }
                else if (crossing.Count == 4)
                {
                    // A saddle: the value at the centre decides which opposite corners are connected. If the centre has the
                    // sign of the bottom-left corner, the curve cuts off the bottom-right and top-left corners.
                    double centre = (values[i, j] + values[i + 1, j] + values[i + 1, j + 1] + values[i, j + 1]) / 4;
                    if ((centre < 0) == (values[i, j] < 0))
                    {
                        Join(crossing[0], crossing[1]);
                        Join(crossing[2], crossing[3]);
                    }
                    else
                    {
                        Join(crossing[3], crossing[0]);
                        Join(crossing[1], crossing[2]);
                    }
                }
            }
        }

        // Walk the chains: open ones from their ends first, then what is left is closed loops.
        var lines = new List<List<(double X, double Y)>>();
        var visited = new HashSet<int>();
        foreach (int start in neighbours.Keys.Where(id => neighbours[id].Count == 1).Concat(neighbours.Keys).ToList())
        {
            if (visited.Contains(start))
            {
                continue;
            }

            var line = new List<(double X, double Y)> { points[start] };
            visited.Add(start);
            int previous = -1, current = start;
            while (true)
            {
                int next = neighbours[current].FirstOrDefault(id => id != previous && !visited.Contains(id), -1);
                if (next < 0)
                {
                    // A closed loop returns to its start.
                    if (neighbours[current].Count == 2 && neighbours[current].Contains(start) && line.Count > 2)
                    {
                        line.Add(points[start]);
                    }

                    break;
                }

                line.Add(points[next]);
                visited.Add(next);
                previous = current;
                current = next;
            }

            if (line.Count > 1)
            {
                lines.Add(line);
            }
        }

        return lines;
    }

    /// <summary>
    /// The parts of <paramref name="lines"/> inside <paramref name="region"/>; where a polyline leaves or enters the region, the
    /// crossing is found by bisection along the segment.
    /// </summary>
    public static List<List<(double X, double Y)>> Clip(List<List<(double X, double Y)>> lines, Func<double, double, bool> region)
    {
        var clipped = new List<List<(double X, double Y)>>();
        foreach (var line in lines)
        {
            List<(double X, double Y)>? current = null;
            bool previousInside = false;
            for (int k = 0; k < line.Count; k++)
            {
                var p = line[k];
                bool inside = region(p.X, p.Y);
                if (k > 0 && inside != previousInside)
                {
                    var edge = Bisect(line[k - 1], p, previousInside, region);
                    if (inside)
                    {
                        current = [edge];
                    }
                    else
                    {
                        current!.Add(edge);
                        Flush(clipped, current);
                        current = null;
                    }
                }

                if (inside)
                {
                    current ??= [];
                    current.Add(p);
                }

                previousInside = inside;
            }

            if (current is not null)
            {
                Flush(clipped, current);
            }
        }

        return clipped;
    }

    private static void Flush(List<List<(double X, double Y)>> lines, List<(double X, double Y)> line)
    {
        if (line.Count > 1)
        {
            lines.Add(line);
        }
    }

    private static (double X, double Y) Bisect((double X, double Y) a, (double X, double Y) b, bool aInside, Func<double, double, bool> region)
    {
        // Keeps a on the side of aInside and b on the other; 40 halvings leave the segment ~1e-12 of its length.
        for (int iteration = 0; iteration < 40; iteration++)
        {
            var middle = ((a.X + b.X) / 2, (a.Y + b.Y) / 2);
            if (region(middle.Item1, middle.Item2) == aInside)
            {
                a = middle;
            }
            else
            {
                b = middle;
            }
        }

        return aInside ? a : b;
    }
}
