namespace Nabla.Onnx.Kinds;

/// <summary>The exporter of each model kind, by name.</summary>
internal static class KindExporters
{
    /// <summary>Every exporter; a test keeps them equal to <see cref="Models.ModelKinds.All"/>.</summary>
    public static IReadOnlyList<KindExporter> All { get; } =
        [new MlpExporter(), new PerceptronExporter(), new LogisticExporter(), new BayesGaussianExporter(), new LinearExporter()];

    /// <summary>The exporter of the kind named <paramref name="kind"/>.</summary>
    /// <exception cref="OnnxExportException">No exporter for it.</exception>
    public static KindExporter For(string kind) =>
        All.FirstOrDefault(e => e.Kind == kind)
        ?? throw new OnnxExportException($"Model kind '{kind}' has no ONNX exporter yet (the exported kinds are {string.Join(", ", All.Select(e => e.Kind))}).");
}
