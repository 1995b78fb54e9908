using Nabla.Bayes;
using Nabla.Estimators;
using Nabla.Onnx.Graphs;
using Nabla.Onnx.Protobuf;
using Nabla.Tensors;

namespace Nabla.Onnx.Kinds;

/// <summary>
/// <c>bayes-gaussian</c>, in double as Nabla computes it: per class j, log P(j) + log N(x; μⱼ, Σⱼ) with the Mahalanobis
/// term ‖Lⱼ⁻¹(x − μⱼ)‖² (Lⱼ the Cholesky factor of Σⱼ), all classes in one batched MatMul; the posteriors by softmax; the
/// conditional risks R = P Cᵀ; and the class of least risk, a later class winning only by more than the tie tolerance.
/// </summary>
internal sealed class BayesGaussianExporter : KindExporter
{
    /// <inheritdoc/>
    public override string Kind => "bayes-gaussian";

    /// <inheritdoc/>
    public override ClassifierOutputs Classifier<T, TLabel>(Classifier<T, TLabel> model, OnnxGraph g, string x)
    {
        var bayes = (BayesClassifier<T, TLabel>)model;
        int k = bayes.Classes.Count, d = bayes.FeatureCount;
        var means = new double[k * d];
        var inverses = new double[k * d * d]; // per class (L⁻¹)ᵀ, so that (x − μ) (L⁻¹)ᵀ = (L⁻¹(x − μ))ᵀ
        var offsets = new double[k];
        for (int j = 0; j < k; j++)
        {
            if (bayes.Densities[j] is not GaussianDensity gaussian)
            {
                throw new OnnxExportException(
                    $"Class '{bayes.Classes[j]}' has a {bayes.Densities[j].GetType().Name} density; the ONNX export expresses Gaussian class densities only (bayes-gaussian).");
            }

            gaussian.Mean.ToArray().CopyTo(means, j * d);
            var inverse = LowerInverse(gaussian.Covariance, d);
            for (int r = 0; r < d; r++)
            {
                for (int c = 0; c < d; c++)
                {
                    inverses[j * d * d + c * d + r] = inverse[r * d + c];
                }
            }

            // log P(j) + log of N's normalizer −½ log det Σ − (d/2) log 2π.
            offsets[j] = Math.Log(bayes.Priors[j]) + (-0.5 * gaussian.LogDeterminant - 0.5 * d * Math.Log(2 * Math.PI));
        }

        string centred = g.Op("Sub", g.Op("Unsqueeze", g.ToDouble(x), g.Longs("axis0", [1], [0])), g.Doubles("means", [k, 1, d], means)); // k × n × d
        string whitened = g.Op("MatMul", centred, g.Doubles("inverse_cholesky", [k, d, d], inverses));
        string mahalanobis = g.Op("ReduceSum", [g.Op("Mul", whitened, whitened), g.Longs("axis2", [1], [2])], AttributeProto.Int("keepdims", 0)); // k × n
        string logJoint = g.Op("Sub", g.Doubles("log_prior_normalizer", [k, 1], offsets), g.Op("Mul", g.Double(0.5), mahalanobis));
        string posteriors = g.Op("Softmax", [g.Op("Transpose", [logJoint], AttributeProto.Ints("perm", [1, 0]))], AttributeProto.Int("axis", 1)); // n × k
        var costs = bayes.Costs;
        var transposed = new double[k * k];
        double largest = 0;
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                transposed[j * k + i] = costs[i, j];
                largest = Math.Max(largest, Math.Abs(costs[i, j]));
            }
        }

        string risks = g.Op("MatMul", posteriors, g.Doubles("costs_transposed", [k, k], transposed));
        return new ClassifierOutputs(LeastRisk(g, risks, k, BayesClassifier<T, TLabel>.TieTolerance * largest), g.FromDouble(posteriors));
    }

    // Nabla's rule, unrolled over the classes: best = 0; class i replaces it when R_i < R_best − tie.
    private static string LeastRisk(OnnxGraph g, string risks, int k, double tie)
    {
        string Column(int i) => g.Op("Gather", [risks, g.Longs("class", [], [i])], AttributeProto.Int("axis", 1));
        string bestRisk = Column(0);
        string best = g.Longs("class", [], [0]);
        for (int i = 1; i < k; i++)
        {
            string risk = Column(i);
            string better = g.Op("Less", risk, g.Op("Sub", bestRisk, g.Double(tie)));
            best = g.Op("Where", better, g.Longs("class", [], [i]), best);
            bestRisk = g.Op("Where", better, risk, bestRisk);
        }

        // With two classes or more best already has the rows' shape (Where broadcasts); Expand makes sure of it.
        return g.Op("Expand", best, g.Op("Shape", bestRisk));
    }

    // L⁻¹ for the Cholesky factor L of Σ, column by column (Nabla's own factorization, so L is the one its densities use).
    private static double[] LowerInverse(Matrix<double> covariance, int d)
    {
        var l = DenseAlgebra.Cholesky(covariance.AsReadOnlySpan(), d)
            ?? throw new OnnxExportException("A class covariance is not positive definite, so its Gaussian has no Cholesky factor to export.");
        var inverse = new double[d * d];
        var column = new double[d];
        for (int c = 0; c < d; c++)
        {
            Array.Clear(column);
            column[c] = 1;
            DenseAlgebra.SolveLower(l, d, column);
            for (int r = 0; r < d; r++)
            {
                inverse[r * d + c] = column[r];
            }
        }

        return inverse;
    }
}
