using System.Numerics;

namespace Nabla.Tensors;

/// <summary>
/// Work on finished blocks of a product's result C, done by the thread that computed each block while it is still in
/// cache: a dense layer adds its bias and applies its activation here, or multiplies by the activation's derivative.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
internal abstract class GemmEpilogue<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>
    /// Called once for each block of <paramref name="rows"/> × <paramref name="columns"/> entries of C starting at
    /// (<paramref name="row"/>, <paramref name="column"/>), after its last sum. The blocks do not overlap and together
    /// cover C; different blocks may be handed to different threads at the same time.
    /// </summary>
    public abstract void Apply(int row, int rows, int column, int columns);
}
