using System.Numerics;
using Nabla.Networks;
using Nabla.Tensors;

namespace Nabla.Training;

/// <summary>Tracks the best validation loss, keeps a copy of the best parameter values and decides when to stop.</summary>
internal sealed class EarlyStopping<T>(ITrainable<T> model, TrainingOptions options)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    // A copy of each parameter's values is all a snapshot needs: the model's structure never changes while training.
    private readonly Matrix<T>[] _best = model.Parameters.Select(p => p.Value.Clone()).ToArray();
    private double _bestLoss = double.PositiveInfinity;
    private int _bestEpoch;
    private int _sinceBest;

    /// <summary>Records an epoch; true when training should stop.</summary>
    public bool Observe(ITrainable<T> current, EpochRecord record)
    {
        double v = record.ValidationLoss!.Value;
        if (v < _bestLoss - options.MinImprovement || _bestEpoch == 0)
        {
            _bestLoss = v;
            _bestEpoch = record.Epoch;
            _sinceBest = 0;
            Copy(current.Parameters, toBest: true);
            return false;
        }

        _sinceBest++;
        return options.Patience > 0 && _sinceBest >= options.Patience;
    }

    /// <summary>Puts the best parameters back (when asked to) and records which epoch the model holds.</summary>
    public void Finish(ITrainable<T> current, TrainingHistory history)
    {
        if (_bestEpoch == 0)
        {
            history.BestEpoch = history.Epochs.Count;
            return;
        }

        if (options.RestoreBestWeights)
        {
            Copy(current.Parameters, toBest: false);
            history.BestEpoch = _bestEpoch;
        }
        else
        {
            history.BestEpoch = history.Epochs.Count;
        }
    }

    private void Copy(IReadOnlyList<Parameter<T>> parameters, bool toBest)
    {
        for (int i = 0; i < _best.Length; i++)
        {
            if (toBest)
            {
                parameters[i].Value.CopyTo(_best[i]);
            }
            else
            {
                _best[i].CopyTo(parameters[i].Value);
            }
        }
    }
}
