using System.Numerics;

namespace Nabla.Networks;

/// <summary>
/// Idle inference replicas of one network: each shares the network's W^[l] and b^[l] but has its own Z^[l] and A^[l],
/// so concurrent predictions never write the same buffers. A caller rents a replica, runs its forward pass and gives it
/// back. The pool keeps at most a fixed number of idle replicas in a plain array of slots taken and filled with
/// interlocked exchanges, so renting and returning allocate nothing in steady state; a caller that finds every slot
/// empty builds a new replica, and a replica returned to a full pool is left to the garbage collector.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
internal sealed class InferencePool<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly NeuralNetwork<T> _source;
    private readonly NeuralNetwork<T>?[] _idle;

    /// <summary>A pool for <paramref name="source"/> keeping up to <paramref name="capacity"/> idle replicas.</summary>
    public InferencePool(NeuralNetwork<T> source, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _source = source;
        _idle = new NeuralNetwork<T>?[capacity];
    }

    /// <summary>The default capacity: one replica per processor is enough for every thread to predict at once.</summary>
    public static int DefaultCapacity => Math.Clamp(Environment.ProcessorCount, 2, 64);

    /// <summary>Takes an idle replica, or builds one when none is idle. Give it back with <see cref="Return"/>.</summary>
    public NeuralNetwork<T> Rent()
    {
        var idle = _idle;
        for (int i = 0; i < idle.Length; i++)
        {
            // The plain read skips empty slots without the cost of an interlocked operation.
            if (Volatile.Read(ref idle[i]) is not null && Interlocked.Exchange(ref idle[i], null) is { } replica)
            {
                return replica;
            }
        }

        return _source.CreateInferenceReplica();
    }

    /// <summary>Puts <paramref name="replica"/> back for the next caller; the caller must not use it afterwards.</summary>
    public void Return(NeuralNetwork<T> replica)
    {
        // An idle replica must not keep the caller's input matrix alive.
        replica.ForgetInput();
        var idle = _idle;
        for (int i = 0; i < idle.Length; i++)
        {
            if (Interlocked.CompareExchange(ref idle[i], replica, null) is null)
            {
                return;
            }
        }
    }

    /// <summary>
    /// A rented replica, given back when disposed: <c>using var lease = pool.RentLease(); lease.Network.Forward(x)</c>.
    /// </summary>
    public Lease RentLease() => new(this, Rent());

    /// <summary>A replica on loan from a pool; <see cref="Dispose"/> returns it.</summary>
    public readonly ref struct Lease
    {
        private readonly InferencePool<T> _pool;

        internal Lease(InferencePool<T> pool, NeuralNetwork<T> network)
        {
            _pool = pool;
            Network = network;
        }

        /// <summary>The replica: this caller's alone until the lease is disposed.</summary>
        public NeuralNetwork<T> Network { get; }

        /// <summary>Returns the replica to the pool.</summary>
        public void Dispose() => _pool.Return(Network);
    }
}
