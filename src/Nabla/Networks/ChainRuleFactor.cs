namespace Nabla.Networks;

/// <summary>One factor of a chain-rule product, in the notes' notation.</summary>
/// <param name="Derivative">The partial derivative it is, for example <c>∂z_1^[2]/∂a_2^[1]</c>.</param>
/// <param name="Formula">What it equals, for example <c>w^[2]_{1,2}</c> or <c>g'(z_2^[1])</c>.</param>
/// <param name="Value">Its value.</param>
public sealed record ChainRuleFactor(string Derivative, string Formula, double Value);
