namespace Nabla.Data.Preprocessing;

/// <summary>How <see cref="Scaler"/> rescales each numeric feature.</summary>
public enum ScalerKind
{
    /// <summary>Leave the features as they are.</summary>
    None,

    /// <summary>Standardize: (x − mean) / standard deviation, so each feature has mean 0 and variance 1 on the training rows.</summary>
    Standard,

    /// <summary>Min-max: (x − min) / (max − min), so each feature spans [0, 1] on the training rows.</summary>
    MinMax,
}
