namespace Nabla.Serialization;

/// <summary>
/// The model types the file format knows. To add one, write its codec and add it here.
/// </summary>
internal static class ModelCodecs
{
    public static IReadOnlyList<IClassifierCodec> Classifiers { get; } = [new MlpCodec(), new PerceptronCodec(), new LogisticRegressionCodec(), new BayesGaussianCodec()];

    public static IReadOnlyList<IRegressorCodec> Regressors { get; } = [new MlpCodec()];

    public static IEnumerable<string> KnownTypes => Classifiers.Select(c => c.ModelType).Concat(Regressors.Select(r => r.ModelType)).Distinct();
}
