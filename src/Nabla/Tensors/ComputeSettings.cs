namespace Nabla.Tensors;

/// <summary>
/// Process-wide settings of Nabla's numerical kernels.
/// </summary>
public static class ComputeSettings
{
    private static int _maxThreads = Environment.ProcessorCount;

    /// <summary>
    /// The most threads one matrix product may use, the calling thread included, and the default thread count of
    /// training (<see cref="Training.TrainingOptions.Threads"/>). Defaults to <see cref="Environment.ProcessorCount"/>;
    /// set it to 1 to keep everything on the calling thread. Values above the processor count act as the processor
    /// count (more threads than cores would only slow the product down).
    /// </summary>
    /// <remarks>
    /// Only large products are split across threads (small ones are not worth the hand-off), and at most one
    /// product at a time runs in parallel: a product started while another is being computed in parallel runs on
    /// its own calling thread. Each element of a product is computed by one thread in a fixed order, so products are
    /// bit-identical for every thread count. Training is not: a mini-batch cut into one shard per thread sums its
    /// gradient in another order, so a model is bit-for-bit repeatable for a given seed and thread count (fix
    /// <see cref="Training.TrainingOptions.Threads"/> to get the same model on machines with different core counts).
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public static int MaxThreads
    {
        get => Volatile.Read(ref _maxThreads);
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            Volatile.Write(ref _maxThreads, value);
        }
    }
}
