using System.Text.Json.Nodes;

namespace Nabla.Models;

/// <summary>What <c>inspect</c> shows of a fitted model: its learned parameters in the notes' terms, as text and as JSON.</summary>
/// <param name="Heading">What the lines list: <c>layers</c>, <c>units</c>, <c>densities</c>, …</param>
/// <param name="Lines">One line per layer, unit, class or target.</param>
/// <param name="ParameterCount">The number of learned values.</param>
/// <param name="Parameters">The same numbers as JSON (for <c>inspect --json</c>).</param>
public sealed record ModelDescription(string Heading, IReadOnlyList<string> Lines, long ParameterCount, JsonObject Parameters);
