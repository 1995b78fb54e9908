using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Nabla.Tensors;

/// <summary>
/// Work that any number of threads can share (they take items from a common queue), run by
/// <see cref="GemmThreadPool"/>; the calling thread alone must be able to finish it.
/// </summary>
internal abstract class ParallelJob
{
    /// <summary>Takes and runs items until none are left.</summary>
    public abstract void Execute();
}

/// <summary>
/// A small set of dedicated worker threads for the parallel matrix product. One job runs at a time: the caller works
/// on it at once, and the workers join when they wake. When the caller runs out of items it closes the job, so that
/// a worker waking late no longer joins, and waits only for the workers that did. Workers spin briefly after each
/// job (products tend to come in bursts, and waking a blocked thread costs tens of microseconds), then block.
/// </summary>
internal static class GemmThreadPool
{
    private static readonly object _callerGate = new();
    private static readonly object _sleepGate = new();
    private static readonly long _spinTicks = Stopwatch.Frequency / 2000; // 0.5 ms
    private const int ClosedFlag = 1 << 30;
    private static readonly List<Thread> _workers = [];
    private static ParallelJob? _job;
    private static int _parts;
    private static long _generation;
    private static int _state; // ClosedFlag | number of workers inside the job
    private static int _sleepers;

    // Set on the workers and on a caller while it runs a job: work nested in a job (a product inside one shard of a
    // training step) runs on its own thread rather than waiting for the pool it is part of.
    [ThreadStatic]
    private static bool _insideJob;

    /// <summary>
    /// Runs <paramref name="job"/> on the calling thread and up to <paramref name="threads"/> − 1 workers, or returns
    /// false at once (without running anything) when another job holds the pool or the caller is itself running a job.
    /// </summary>
    public static bool TryRun(ParallelJob job, int threads)
    {
        if (_insideJob || !Monitor.TryEnter(_callerGate))
        {
            return false;
        }

        try
        {
            EnsureWorkers(threads - 1);
            _job = job;
            _parts = threads;
            Volatile.Write(ref _state, 0);
            Interlocked.Increment(ref _generation); // full fence: publishes the job before the sleeper check
            if (Volatile.Read(ref _sleepers) > 0)
            {
                lock (_sleepGate)
                {
                    Monitor.PulseAll(_sleepGate);
                }
            }

            try
            {
                _insideJob = true;
                job.Execute();
            }
            finally
            {
                _insideJob = false;
                Interlocked.Or(ref _state, ClosedFlag);
                var spinner = default(SpinWait);
                while (Volatile.Read(ref _state) != ClosedFlag)
                {
                    spinner.SpinOnce(sleep1Threshold: -1);
                }

                _job = null;
            }
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
        _insideJob = true;
        while (true)
        {
            long generation = WaitForJob(seen);
            seen = generation;
            if (index < _parts && TryJoin())
            {
                try
                {
                    _job!.Execute();
                }
                finally
                {
                    Interlocked.Decrement(ref _state);
                }
            }
        }
    }

    /// <summary>Enters the current job unless its caller has closed it.</summary>
    private static bool TryJoin()
    {
        int state = Volatile.Read(ref _state);
        while ((state & ClosedFlag) == 0)
        {
            int seen = Interlocked.CompareExchange(ref _state, state + 1, state);
            if (seen == state)
            {
                return true;
            }

            state = seen;
        }

        return false;
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
