namespace Nabla.Estimators;

/// <summary>What a saved model predicts.</summary>
public enum ModelTask
{
    /// <summary>Class labels (and class probabilities, where the model gives them).</summary>
    Classification,

    /// <summary>One or more numbers per sample.</summary>
    Regression,
}
