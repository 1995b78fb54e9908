namespace Nabla.Playground.Engine;

/// <summary>The input features the network can be given, computed from a point's coordinates (x₁, x₂).</summary>
public enum InputFeature
{
    /// <summary>x₁.</summary>
    X1,

    /// <summary>x₂.</summary>
    X2,

    /// <summary>x₁².</summary>
    X1Squared,

    /// <summary>x₂².</summary>
    X2Squared,

    /// <summary>x₁x₂.</summary>
    X1X2,

    /// <summary>sin x₁.</summary>
    SinX1,

    /// <summary>sin x₂.</summary>
    SinX2,
}
