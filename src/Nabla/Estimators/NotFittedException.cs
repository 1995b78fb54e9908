namespace Nabla.Estimators;

/// <summary>A model was used before <c>Fit</c> was called on it.</summary>
public sealed class NotFittedException : InvalidOperationException
{
    /// <summary>Creates the exception for the model named <paramref name="model"/>.</summary>
    public NotFittedException(string model)
        : base($"This {model} is not fitted yet: call Fit(x, y) before using it.")
    {
    }
}
