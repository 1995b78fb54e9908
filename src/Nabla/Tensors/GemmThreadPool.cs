using System.Diagnostics;
using System.Runtime.InteropServices;

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

/// <summary>
/// Tickets for the work items of one parallel product, numbered in the order the product needs them: a thread takes
/// the next ticket, waits until every item before its phase is done, runs the item and reports it done. A thread
/// that is held up delays only the item it holds, never work the others can do.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 192)]
internal sealed class GemmSchedule
{
    [FieldOffset(64)]
    private long _taken;

    [FieldOffset(128)]
    private long _done;

    /// <summary>Starts a new product; call before its threads start.</summary>
    public void Reset()
    {
        _taken = 0;
        _done = 0;
    }

    /// <summary>Takes the next ticket.</summary>
    public long Take() => Interlocked.Increment(ref _taken) - 1;

    /// <summary>Reports one item done.</summary>
    public void Done() => Interlocked.Increment(ref _done);

    /// <summary>Waits until <paramref name="count"/> items (all those before the current phase) are done.</summary>
    public void WaitUntilDone(long count)
    {
        if (Volatile.Read(ref _done) >= count)
        {
            return;
        }

        var spinner = default(SpinWait);
        while (Volatile.Read(ref _done) < count)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }
}
