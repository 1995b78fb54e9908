using System.Diagnostics;

namespace Nabla.Tensors;

/// <summary>Work split into a fixed number of parts, run by <see cref="GemmThreadPool"/>; part 0 runs on the calling thread.</summary>
internal abstract class ParallelJob
{
    /// <summary>Runs part <paramref name="part"/> of <paramref name="parts"/>.</summary>
    public abstract void Execute(int part, int parts);
}

/// <summary>
/// A small set of dedicated worker threads for the parallel matrix product. One job runs at a time; the caller takes
/// part 0 and waits for the others. Workers spin briefly after each job (products tend to come in bursts, and waking
/// a blocked thread costs tens of microseconds) and then block until the next one.
/// </summary>
internal static class GemmThreadPool
{
    private static readonly object _callerGate = new();
    private static readonly object _sleepGate = new();
    private static readonly long _spinTicks = Stopwatch.Frequency / 2000; // 0.5 ms
    private static readonly List<Thread> _workers = [];
    private static ParallelJob? _job;
    private static int _parts;
    private static long _generation;
    private static int _pending;
    private static int _sleepers;

    /// <summary>
    /// Runs <paramref name="job"/> in <paramref name="parts"/> parts on as many threads, or returns false at once
    /// (without running anything) when another job holds the pool.
    /// </summary>
    public static bool TryRun(ParallelJob job, int parts)
    {
        if (!Monitor.TryEnter(_callerGate))
        {
            return false;
        }

        try
        {
            EnsureWorkers(parts - 1);
            _job = job;
            _parts = parts;
            Volatile.Write(ref _pending, parts - 1);
            Interlocked.Increment(ref _generation); // full fence: publishes the job before the sleeper check
            if (Volatile.Read(ref _sleepers) > 0)
            {
                lock (_sleepGate)
                {
                    Monitor.PulseAll(_sleepGate);
                }
            }

            job.Execute(0, parts);
            var spinner = default(SpinWait);
            while (Volatile.Read(ref _pending) != 0)
            {
                spinner.SpinOnce(sleep1Threshold: -1);
            }

            _job = null;
        }
        finally
        {
            Monitor.Exit(_callerGate);
        }

        return true;
    }

    private static void EnsureWorkers(int count)
    {
        while (_workers.Count < count)
        {
            int index = _workers.Count + 1;
            long current = Volatile.Read(ref _generation);
            var thread = new Thread(() => WorkerLoop(index, current))
            {
                IsBackground = true,
                Name = $"Nabla GEMM worker {index}",
            };
            _workers.Add(thread);
            thread.Start();
        }
    }

    private static void WorkerLoop(int index, long seen)
    {
        while (true)
        {
            long generation = WaitForJob(seen);
            seen = generation;
            int parts = _parts;
            var job = _job;
            if (index < parts && job is not null)
            {
                try
                {
                    job.Execute(index, parts);
                }
                finally
                {
                    Interlocked.Decrement(ref _pending);
                }
            }
        }
    }

    private static long WaitForJob(long seen)
    {
        long generation;
        long deadline = Stopwatch.GetTimestamp() + _spinTicks;
        while ((generation = Volatile.Read(ref _generation)) == seen)
        {
            if (Stopwatch.GetTimestamp() < deadline)
            {
                Thread.SpinWait(16);
                continue;
            }

            lock (_sleepGate)
            {
                Interlocked.Increment(ref _sleepers); // full fence: the caller either sees us sleeping or we see its job
                while ((generation = Volatile.Read(ref _generation)) == seen)
                {
                    Monitor.Wait(_sleepGate);
                }

                Interlocked.Decrement(ref _sleepers);
            }
        }

        return generation;
    }
}

/// <summary>A sense-reversing spin barrier for the parts of one <see cref="ParallelJob"/>.</summary>
internal sealed class SpinBarrier
{
    private int _remaining;
    private int _participants;
    private volatile int _sense;

    /// <summary>Prepares the barrier for <paramref name="participants"/> threads; call before the job starts.</summary>
    public void Reset(int participants)
    {
        _participants = participants;
        _remaining = participants;
        _sense = 0;
    }

    /// <summary>Waits until every participant has arrived; <paramref name="localSense"/> starts at 0 in each thread.</summary>
    public void SignalAndWait(ref int localSense)
    {
        localSense ^= 1;
        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            _remaining = _participants;
            _sense = localSense;
            return;
        }

        var spinner = default(SpinWait);
        while (_sense != localSense)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }
}
