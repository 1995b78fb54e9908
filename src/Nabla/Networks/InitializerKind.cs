namespace Nabla.Networks;

/// <summary>The weight-initialization schemes Nabla provides; biases always start at zero.</summary>
public enum InitializerKind
{
    /// <summary>Every weight 0 (hidden units then stay identical: useful only for single-layer models and examples).</summary>
    Zeros,

    /// <summary>Uniform on [low, high].</summary>
    Uniform,

    /// <summary>Glorot (Xavier) uniform: U(−r, r) with r = √(6 / (fan_in + fan_out)); suits sigmoid and tanh.</summary>
    GlorotUniform,

    /// <summary>Glorot (Xavier) normal: N(0, 2 / (fan_in + fan_out)).</summary>
    GlorotNormal,

    /// <summary>He normal: N(0, 2 / fan_in); suits ReLU.</summary>
    HeNormal,

    /// <summary>He uniform: U(−r, r) with r = √(6 / fan_in).</summary>
    HeUniform,
}
