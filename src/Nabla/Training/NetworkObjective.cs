using System.Numerics;
using Nabla.Losses;
using Nabla.Networks;
using Nabla.Tensors;

namespace Nabla.Training;

/// <summary>
/// The full-batch objective of a model over its flattened parameters, F(θ) = L(θ) + (λ/2) Σ_l ‖W^[l]‖²: θ is the
/// concatenation of the parameters' values in the model's order (W1 row-major, b1, W2, b2, …), and ∇F the same
/// concatenation of ∂L/∂W^[l] + λW^[l] and ∂L/∂b^[l]. Evaluations run in the model's precision and are read out in double;
/// a network large enough for the sharded step (<see cref="ParallelStep{T}"/>) computes its gradients that way.
/// </summary>
internal sealed class NetworkObjective<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ITrainable<T> _model;
    private readonly Matrix<T> _x;
    private readonly Matrix<T> _y;
    private readonly Loss _loss;
    private readonly double _l2;
    private readonly ParallelStep<T>? _parallel;
    private readonly int[] _rows;

    public NetworkObjective(ITrainable<T> model, Matrix<T> x, Matrix<T> y, Loss loss, double l2, int threads)
    {
        _model = model;
        (_x, _y, _loss, _l2) = (x, y, loss, l2);
        Size = model.Parameters.Sum(p => p.Value.Length);
        _parallel = model is NeuralNetwork<T> network ? ParallelStep<T>.For(network, loss, x.Rows, threads) : null;
        _rows = _parallel is null ? [] : [.. Enumerable.Range(0, x.Rows)];
    }

    /// <summary>The number of parameters, the length of θ.</summary>
    public int Size { get; }

    /// <summary>θ, the model's current parameter values.</summary>
    public double[] Point()
    {
        var point = new double[Size];
        int offset = 0;
        var parameters = _model.Parameters;
        for (int q = 0; q < parameters.Count; q++)
        {
            var v = parameters[q].Value.AsReadOnlySpan();
            for (int i = 0; i < v.Length; i++)
            {
                point[offset + i] = double.CreateChecked(v[i]);
            }

            offset += v.Length;
        }

        return point;
    }

    /// <summary>Sets the model's parameters to <paramref name="point"/>.</summary>
    public void Write(ReadOnlySpan<double> point)
    {
        int offset = 0;
        var parameters = _model.Parameters;
        for (int q = 0; q < parameters.Count; q++)
        {
            var v = parameters[q].Value.AsSpan();
            for (int i = 0; i < v.Length; i++)
            {
                v[i] = T.CreateChecked(point[offset + i]);
            }

            offset += v.Length;
        }
    }

    /// <summary>(λ/2) Σ_l ‖W^[l]‖² at <paramref name="point"/>: the part of F that is not the data loss.</summary>
    public double Penalty(ReadOnlySpan<double> point)
    {
        if (_l2 == 0)
        {
            return 0;
        }

        double sum = 0;
        int offset = 0;
        var parameters = _model.Parameters;
        for (int q = 0; q < parameters.Count; q++)
        {
            int length = parameters[q].Value.Length;
            if (parameters[q].IsWeight)
            {
                sum += Vectors.Dot(point.Slice(offset, length), point.Slice(offset, length));
            }

            offset += length;
        }

        return _l2 / 2 * sum;
    }

    /// <summary>F(θ) and ∇F(θ) at <paramref name="point"/>: a <see cref="DifferentiableFunction"/>.</summary>
    public double Evaluate(ReadOnlySpan<double> point, Span<double> gradient)
    {
        Write(point);
        double loss;
        var parameters = _model.Parameters;
        if (_parallel is not null)
        {
            loss = _parallel.ComputeGradients(_x, _y, _rows, 0, _x.Rows, sameRows: true);
            _parallel.Combine(_l2);
        }
        else
        {
            loss = double.CreateChecked(_model.ComputeGradients(_x, _y, _loss));
            for (int q = 0; q < parameters.Count && _l2 > 0; q++)
            {
                Trainer.AddL2Gradient(parameters[q], T.CreateChecked(_l2), 0, parameters[q].Value.Length);
            }
        }

        int offset = 0;
        for (int q = 0; q < parameters.Count; q++)
        {
            var g = parameters[q].Gradient.AsReadOnlySpan();
            for (int i = 0; i < g.Length; i++)
            {
                gradient[offset + i] = double.CreateChecked(g[i]);
            }

            offset += g.Length;
        }

        return loss + Penalty(point);
    }
}
