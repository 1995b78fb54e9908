namespace Nabla.Networks;

/// <summary>
/// ∂L/∂w^[l]_{i,j} of one sample written out by the chain rule, as the slides do: in factored form
/// ∂L/∂a_i^[l] · g'(z_i^[l]) · a_j^[l−1] (= δ_i^[l] a_j^[l−1]), where ∂L/∂a_i^[l] = Σ_k δ_k^[l+1] w^[l+1]_{k,i} (or the loss's
/// derivative at the output layer), and, for small networks, as the sum over every path from the loss to the weight.
/// </summary>
public sealed class ChainRule
{
    internal ChainRule(int layer, int unit, int input, int sample, IReadOnlyList<ChainRuleFactor> factored, IReadOnlyList<ChainRuleFactor> upstream,
        long pathCount, IReadOnlyList<ChainRulePath> paths, double backpropagation)
    {
        Layer = layer;
        Unit = unit;
        Input = input;
        Sample = sample;
        Factored = factored;
        Upstream = upstream;
        PathCount = pathCount;
        Paths = paths;
        Backpropagation = backpropagation;
    }

    /// <summary>l, the weight's layer (1-based).</summary>
    public int Layer { get; }

    /// <summary>i, the unit of layer l the weight leads into (1-based).</summary>
    public int Unit { get; }

    /// <summary>j, the input of layer l the weight comes from (1-based; a_j^[0] = x_j).</summary>
    public int Input { get; }

    /// <summary>The sample (0-based row of the batch) whose contribution this is.</summary>
    public int Sample { get; }

    /// <summary>The weight's symbol, for example <c>w^[2]_{1,1}</c>.</summary>
    public string Weight => $"w^[{Layer}]_{{{Unit},{Input}}}";

    /// <summary>The three factors ∂L/∂a_i^[l], ∂a_i^[l]/∂z_i^[l] = g'(z_i^[l]) and ∂z_i^[l]/∂w^[l]_{i,j} = a_j^[l−1].</summary>
    public IReadOnlyList<ChainRuleFactor> Factored { get; }

    /// <summary>The terms δ_k^[l+1] w^[l+1]_{k,i} whose sum is ∂L/∂a_i^[l] (empty at the output layer, where the loss gives it).</summary>
    public IReadOnlyList<ChainRuleFactor> Upstream { get; }

    /// <summary>The product of <see cref="Factored"/>.</summary>
    public double Product => Factored.Aggregate(1.0, (p, f) => p * f.Value);

    /// <summary>How many paths lead from the loss to the weight: the product of the widths of the layers above l.</summary>
    public long PathCount { get; }

    /// <summary>Every path with its factors when there are at most <see cref="NetworkTrace{T}.MaxPaths"/>; empty otherwise.</summary>
    public IReadOnlyList<ChainRulePath> Paths { get; }

    /// <summary>The sum of the paths' products (NaN when the paths were not enumerated).</summary>
    public double PathSum => Paths.Count == 0 ? double.NaN : Paths.Sum(p => p.Product);

    /// <summary>The sample's share of ∂L/∂w^[l]_{i,j} by backpropagation, δ_i^[l] a_j^[l−1] from the network's backward pass.</summary>
    public double Backpropagation { get; }
}
