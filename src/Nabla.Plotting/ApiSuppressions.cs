using System.Diagnostics.CodeAnalysis;

// RS0026 (several public overloads with optional parameters) guards the binary compatibility of adding an optional
// parameter to a shipped API. This overload pair (a prediction function, or a fitted classifier) predates the check;
// the first parameters' types differ, so no call is ambiguous. Each new pair must still answer to it.
[assembly: SuppressMessage("ApiDesign", "RS0026", Justification = "Existing overload pair; the types differ, so no call is ambiguous.", Scope = "member", Target = "~M:Nabla.Plotting.Plots.DecisionRegions(System.Func{Nabla.Tensors.Matrix{System.Double},System.Int32[]},Nabla.Tensors.Matrix{System.Double},System.Collections.Generic.IReadOnlyList{System.Int32},System.Collections.Generic.IReadOnlyList{System.String},System.String,System.Collections.Generic.IReadOnlyList{System.String},System.Int32,Nabla.Plotting.PlotArea,System.Boolean)~ScottPlot.Plot")]
[assembly: SuppressMessage("ApiDesign", "RS0026", Justification = "Existing overload pair; the types differ, so no call is ambiguous.", Scope = "member", Target = "~M:Nabla.Plotting.Plots.DecisionRegions``1(Nabla.Estimators.Classifier{System.Double,``0},Nabla.Tensors.Matrix{System.Double},System.Collections.Generic.IReadOnlyList{``0},System.String,System.Collections.Generic.IReadOnlyList{System.String})~ScottPlot.Plot")]
