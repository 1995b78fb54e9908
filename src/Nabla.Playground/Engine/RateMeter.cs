using System.Diagnostics;

namespace Nabla.Playground.Engine;

/// <summary>Counts events (epochs, redraws) and gives their rate over the last second, for the page's measured figures.</summary>
public sealed class RateMeter
{
    private readonly Queue<long> _times = new();
    private long _total;

    /// <summary>Events counted since creation.</summary>
    public long Total => _total;

    /// <summary>Counts <paramref name="count"/> events now.</summary>
    public void Tick(int count = 1)
    {
        long now = Stopwatch.GetTimestamp();
        for (int i = 0; i < count; i++)
        {
            _times.Enqueue(now);
        }

        _total += count;
        Trim(now);
    }

    /// <summary>Events per second over the last second (0 when idle).</summary>
    public double PerSecond
    {
        get
        {
            Trim(Stopwatch.GetTimestamp());
            return _times.Count;
        }
    }

    /// <summary>Forgets the recent events (when training pauses, so the rate is of running only).</summary>
    public void Clear() => _times.Clear();

    private void Trim(long now)
    {
        while (_times.Count > 0 && now - _times.Peek() > Stopwatch.Frequency)
        {
            _times.Dequeue();
        }
    }
}
