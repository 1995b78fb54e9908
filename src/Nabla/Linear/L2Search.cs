namespace Nabla.Linear;

/// <summary>
/// How logistic regression chose its L2 penalty λ when none was given: each candidate was fitted on k − 1 folds of the
/// training rows and scored by its mean log-loss on the fold left out (weighted like the training loss when there are
/// class weights), and the candidate with the lowest mean over the folds was refitted on every row.
/// </summary>
/// <param name="Candidates">The λ tried, strongest first, in units of the whole training set: λ = 1/(C n) for scikit-learn's C.</param>
/// <param name="HeldOutLogLoss">The mean held-out log-loss of each candidate (nats per row), one per entry of <paramref name="Candidates"/>.</param>
/// <param name="Folds">k, the number of folds.</param>
/// <param name="Chosen">The λ chosen: the candidate of lowest held-out log-loss (the strongest of any tie).</param>
public sealed record L2Search(IReadOnlyList<double> Candidates, IReadOnlyList<double> HeldOutLogLoss, int Folds, double Chosen)
{
    /// <inheritdoc/>
    public bool Equals(L2Search? other) =>
        other is not null && Folds == other.Folds && Chosen.Equals(other.Chosen) && Candidates.SequenceEqual(other.Candidates) && HeldOutLogLoss.SequenceEqual(other.HeldOutLogLoss);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Folds, Chosen, Candidates.Count);
}
