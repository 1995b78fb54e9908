using System.Numerics;
using Nabla.Tensors;

namespace Nabla.Activations;

/// <summary>
/// An activation function g of the lectures, applied to the pre-activations z^[l] of a layer to give a^[l] = g(z^[l]),
/// with its derivative for backpropagation.
/// </summary>
/// <remarks>
/// Matrices hold one sample per row. Element-wise activations treat every entry alike; <see cref="Softmax"/> works on each row.
/// Derivatives are written in terms of the output a where the lectures do so (σ' = a(1 − a), tanh' = 1 − a²).
/// </remarks>
public abstract class Activation
{
    /// <summary>a = z.</summary>
    public static IdentityActivation Identity { get; } = new();

    /// <summary>a = 1 for z ≥ 0, else 0; not differentiable (inference and the perceptron only).</summary>
    public static StepActivation Step { get; } = new();

    /// <summary>a = σ(z) = 1 / (1 + e^(−z)), computed without overflow for any z.</summary>
    public static SigmoidActivation Sigmoid { get; } = new();

    /// <summary>a = tanh(z).</summary>
    public static TanhActivation Tanh { get; } = new();

    /// <summary>a = max(0, z).</summary>
    public static ReluActivation Relu { get; } = new();

    /// <summary>a = z for z ≥ 0, else 0.01·z.</summary>
    public static LeakyReluActivation LeakyRelu { get; } = new();

    /// <summary>Row-wise softmax, a_j = e^(z_j) / Σ_k e^(z_k), computed after subtracting the row maximum.</summary>
    public static SoftmaxActivation Softmax { get; } = new();

    /// <summary>The linear activation a = α·z + β.</summary>
    /// <param name="alpha">Slope α.</param>
    /// <param name="beta">Offset β.</param>
    public static LinearActivation Linear(double alpha = 1, double beta = 0) => new(alpha, beta);

    /// <summary>Leaky ReLU with slope <paramref name="alpha"/> for negative z.</summary>
    public static LeakyReluActivation LeakyReluWith(double alpha) => new(alpha);

    /// <summary>The generalized logistic a = L / (1 + e^(−k(z − z₀))); the defaults give the sigmoid.</summary>
    /// <param name="maximum">L &gt; 0, the supremum of the outputs.</param>
    /// <param name="steepness">k &gt; 0.</param>
    /// <param name="midpoint">z₀, where a = L/2.</param>
    public static GeneralizedLogisticActivation GeneralizedLogistic(double maximum = 1, double steepness = 1, double midpoint = 0) => new(maximum, steepness, midpoint);

    /// <summary>The randomized leaky ReLU: slope α ~ U(lower, upper) per entry in training, the mean slope in inference.</summary>
    /// <param name="lower">Smallest slope, in [0, 1).</param>
    /// <param name="upper">Largest slope, in [lower, 1).</param>
    public static RandomizedLeakyReluActivation RandomizedLeakyRelu(double lower = 0, double upper = RandomizedLeakyReluActivation.DefaultUpper) => new(lower, upper);

    /// <summary>The name used by the CLI and in model files: <c>sigmoid</c>, <c>leaky-relu</c>, …</summary>
    public abstract string Name { get; }

    /// <summary>False for the step function, whose derivative is zero almost everywhere: a network using it cannot be trained by gradient descent.</summary>
    public virtual bool IsDifferentiable => true;

    /// <summary>True when each output depends on one input only (all but softmax).</summary>
    public virtual bool IsElementwise => true;

    /// <summary>True when a training pass differs from inference by random draws (the randomized leaky ReLU): see <see cref="ForwardTraining{T}"/>.</summary>
    internal virtual bool IsStochastic => false;

    /// <summary>The forward pass of training, drawing from <paramref name="random"/> in order; the same as inference unless <see cref="IsStochastic"/>.</summary>
    internal virtual void ForwardTraining<T>(ReadOnlySpan<T> z, Span<T> a, Random random)
        where T : unmanaged, IFloatingPointIeee754<T> => Forward<T>(z, a, z.Length);

    /// <summary>a^[l] = g(z^[l]) for a batch: <paramref name="z"/> and <paramref name="a"/> are both n × m (they may be the same matrix).</summary>
    public void Forward<T>(Matrix<T> z, Matrix<T> a)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        MatrixMath.RequireSameShape(z, a, nameof(a));
        Forward<T>(z.AsReadOnlySpan(), a.AsSpan(), z.Columns);
    }

    /// <summary>
    /// ∂L/∂z = ∂L/∂a ⊙ g'(z) for a batch (for softmax, the product with its Jacobian, row by row).
    /// All four matrices are n × m; <paramref name="gradientZ"/> may be <paramref name="gradientA"/>.
    /// </summary>
    /// <param name="z">Pre-activations z^[l].</param>
    /// <param name="a">Activations a^[l] = g(z^[l]) from the forward pass.</param>
    /// <param name="gradientA">∂L/∂a^[l].</param>
    /// <param name="gradientZ">Destination for ∂L/∂z^[l], the δ^[l] of the lectures.</param>
    public void Backward<T>(Matrix<T> z, Matrix<T> a, Matrix<T> gradientA, Matrix<T> gradientZ)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        MatrixMath.RequireSameShape(z, a, nameof(a));
        MatrixMath.RequireSameShape(z, gradientA, nameof(gradientA));
        MatrixMath.RequireSameShape(z, gradientZ, nameof(gradientZ));
        RequireDifferentiable();
        Backward<T>(z.AsReadOnlySpan(), a.AsReadOnlySpan(), gradientA.AsReadOnlySpan(), gradientZ.AsSpan(), z.Columns);
    }

    /// <summary>g(z) for one value (element-wise activations only).</summary>
    public abstract T Value<T>(T z)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>g'(z) for one value, given also a = g(z) (element-wise, differentiable activations only).</summary>
    public abstract T Derivative<T>(T z, T a)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>The span kernel of <see cref="Forward{T}(Matrix{T}, Matrix{T})"/>: rows of length <paramref name="width"/>.</summary>
    public abstract void Forward<T>(ReadOnlySpan<T> z, Span<T> a, int width)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>The span kernel of <see cref="Backward{T}(Matrix{T}, Matrix{T}, Matrix{T}, Matrix{T})"/>: rows of length <paramref name="width"/>.</summary>
    public abstract void Backward<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> a, ReadOnlySpan<T> gradientA, Span<T> gradientZ, int width)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>True when <paramref name="obj"/> is the same activation: of the same type with the same parameters (so options records holding one compare by value).</summary>
    public override bool Equals(object? obj) => obj is Activation other && other.GetType() == GetType() && other.ToString() == ToString();

    /// <inheritdoc/>
    public override int GetHashCode() => ToString()!.GetHashCode(StringComparison.Ordinal);

    /// <summary>The specification that <see cref="Parse"/> reads back: the name, with parameters in parentheses where the activation has any.</summary>
    public override string ToString() => Name;

    /// <summary>The names <see cref="Parse"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["identity", "linear", "step", "sigmoid", "generalized-logistic", "tanh", "relu", "leaky-relu", "randomized-leaky-relu", "softmax"];

    /// <summary>
    /// Reads an activation from its specification: a name from <see cref="Names"/>, optionally with parameters,
    /// <c>leaky-relu(0.1)</c> (α), <c>linear(2,1)</c> (α, β), <c>generalized-logistic(2,3,0.5)</c> (L, k, z₀) or
    /// <c>randomized-leaky-relu(0.1,0.3)</c> (lower, upper; alias <c>rrelu</c>).
    /// </summary>
    /// <exception cref="FormatException">The text names no activation or has malformed parameters.</exception>
    public static Activation Parse(string specification)
    {
        var (name, args) = Specification.Parse(specification, "Activation", "leaky-relu(0.01)");
        try
        {
            Activation result = (name.Replace('_', '-'), args.Length) switch
            {
                ("identity", 0) => Identity,
                ("linear", 0) => Linear(),
                ("linear", 2) => Linear(args[0], args[1]),
                ("step", 0) => Step,
                ("sigmoid" or "logistic", 0) => Sigmoid,
                ("tanh", 0) => Tanh,
                ("relu", 0) => Relu,
                ("leaky-relu" or "leakyrelu", 0) => LeakyRelu,
                ("leaky-relu" or "leakyrelu", 1) => LeakyReluWith(args[0]),
                ("generalized-logistic", 0) => GeneralizedLogistic(),
                ("generalized-logistic", 3) => GeneralizedLogistic(args[0], args[1], args[2]),
                ("randomized-leaky-relu" or "rrelu", 0) => RandomizedLeakyRelu(),
                ("randomized-leaky-relu" or "rrelu", 2) => RandomizedLeakyRelu(args[0], args[1]),
                ("softmax", 0) => Softmax,
                _ => throw new FormatException(
                    $"Unknown activation '{specification}'. Use one of: {string.Join(", ", Names)} (leaky-relu takes an optional slope, linear an optional slope and offset, generalized-logistic an optional L, k and z₀, randomized-leaky-relu an optional slope range: leaky-relu(0.1), linear(2,1), generalized-logistic(2,3,0.5), randomized-leaky-relu(0,0.01))."),
            };
            return result;
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new FormatException($"Activation '{specification}' has an invalid parameter: {e.Message}", e);
        }
    }

    /// <summary>Throws the error that explains why a non-differentiable activation cannot be trained by gradient descent.</summary>
    protected void RequireDifferentiable()
    {
        if (!IsDifferentiable)
        {
            throw new NotSupportedException(
                $"The {Name} activation cannot be trained by gradient descent: its derivative is zero wherever it exists, so no gradient flows back. " +
                "Use sigmoid or tanh in its place (the perceptron learning rule trains a step neuron directly).");
        }
    }

    /// <summary>The error raised for scalar calls on a row-wise activation.</summary>
    protected NotSupportedException NotElementwise() =>
        new($"The {Name} activation works on whole rows, not single values: call Forward or Backward on a matrix.");
}
