using Nabla.Metrics;
using Nabla.Tensors;

namespace Nabla.Tests.Metrics;

public class MetricsTests
{
    // Hand-computed: actual a a a b b c, predicted a b a b c c.
    private static readonly string[] Actual = ["a", "a", "a", "b", "b", "c"];
    private static readonly string[] Predicted = ["a", "b", "a", "b", "c", "c"];

    [Fact]
    public void Accuracy_counts_agreements() => Assert.Equal(4.0 / 6, ClassificationMetrics.Accuracy(Actual, Predicted), 15);

    [Fact]
    public void Confusion_matrix_has_true_rows_and_predicted_columns()
    {
        var m = new ConfusionMatrix<string>(Actual, Predicted);
        Assert.Equal(["a", "b", "c"], m.Classes);
        Assert.Equal(new[,] { { 2, 1, 0 }, { 0, 1, 1 }, { 0, 0, 1 } }, m.ToArray());
        Assert.Equal(4.0 / 6, m.Accuracy, 15);
    }

    [Fact]
    public void Mean_cost_weighs_each_mistake_by_its_cost()
    {
        var m = new ConfusionMatrix<string>(Actual, Predicted);

        // Rows: decided a, b, c; columns: true a, b, c. The two mistakes: an a decided b (c_ba = 3) and a b decided c (c_cb = 7).
        double[,] costs = { { 0, 2, 2 }, { 3, 0.5, 2 }, { 2, 7, 0 } };
        Assert.Equal((3 + 0.5 + 7) / 6.0, m.MeanCost(costs), 15);

        // 0-1 costs: the error rate.
        Assert.Equal(1 - m.Accuracy, m.MeanCost(new double[,] { { 0, 1, 1 }, { 1, 0, 1 }, { 1, 1, 0 } }), 15);

        var error = Assert.Throws<ArgumentException>(() => m.MeanCost(new double[2, 2]));
        Assert.Contains("3×3, not 2×2", error.Message);
    }

    [Fact]
    public void Precision_recall_and_f1_match_hand_computation()
    {
        var m = new ConfusionMatrix<string>(Actual, Predicted);
        // a: P = 2/2, R = 2/3, F1 = 0.8.  b: P = 1/2, R = 1/2, F1 = 0.5.  c: P = 1/2, R = 1, F1 = 2/3.
        Assert.Equal(1.0, m.Precision(0), 15);
        Assert.Equal(2.0 / 3, m.Recall(0), 15);
        Assert.Equal(0.8, m.F1(0), 15);
        Assert.Equal(0.5, m.F1(1), 15);
        Assert.Equal(2.0 / 3, m.F1(2), 15);
        Assert.Equal((0.8 + 0.5 + 2.0 / 3) / 3, m.MacroF1, 15);
        Assert.Equal((1 + 0.5 + 0.5) / 3, m.MacroPrecision, 15);
        Assert.Equal(3, m.PerClass()[0].Support);
    }

    [Fact]
    public void A_class_never_predicted_has_zero_precision_not_nan()
    {
        var m = new ConfusionMatrix<int>([0, 1, 1], [0, 0, 0], [0, 1]);
        Assert.Equal(0, m.Precision(1));
        Assert.Equal(0, m.F1(1));
    }

    [Fact]
    public void Balanced_accuracy_is_the_mean_recall() =>
        // Recalls: a 2/3, b 1/2, c 1/1.
        Assert.Equal((2.0 / 3 + 1.0 / 2 + 1) / 3, new ConfusionMatrix<string>(Actual, Predicted).BalancedAccuracy, 15);

    [Fact]
    public void Balanced_accuracy_leaves_out_classes_without_true_rows() =>
        // Class c is a class of the model but no true label: the mean runs over a (1/2) and b (1/1), as scikit-learn's does.
        Assert.Equal(0.75, new ConfusionMatrix<string>(["a", "a", "b"], ["a", "c", "b"], ["a", "b", "c"]).BalancedAccuracy, 15);

    [Fact]
    public void Confusion_matrix_from_counts_equals_the_one_from_labels()
    {
        var fromLabels = new ConfusionMatrix<string>(Actual, Predicted, ["a", "b", "c"]);
        var fromCounts = new ConfusionMatrix<string>(["a", "b", "c"], fromLabels.ToArray());
        Assert.Equal(fromLabels.ToArray(), fromCounts.ToArray());
        Assert.Equal(6, fromCounts.Total);
        Assert.Equal(fromLabels.MacroF1, fromCounts.MacroF1);
    }

    [Fact]
    public void Confusion_matrix_from_counts_checks_them()
    {
        Assert.Contains("2 classes need 2 × 2 counts, not 2 × 3", Assert.Throws<ArgumentException>(() => new ConfusionMatrix<string>(["a", "b"], new int[2, 3])).Message, StringComparison.Ordinal);
        Assert.Contains("negative", Assert.Throws<ArgumentException>(() => new ConfusionMatrix<string>(["a", "b"], new[,] { { 1, -1 }, { 0, 0 } })).Message, StringComparison.Ordinal);
        Assert.Contains("at least one sample", Assert.Throws<ArgumentException>(() => new ConfusionMatrix<string>(["a", "b"], new int[2, 2])).Message, StringComparison.Ordinal);
        Assert.Contains("appears twice", Assert.Throws<ArgumentException>(() => new ConfusionMatrix<string>(["a", "a"], new[,] { { 1, 0 }, { 0, 0 } })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Roc_and_precision_recall_curves_match_scikit_learns_documented_example()
    {
        // scikit-learn's documentation: y = [0, 0, 1, 1], scores [0.1, 0.4, 0.35, 0.8]; roc_curve (drop_intermediate=False)
        // gives fpr [0, 0, 0.5, 0.5, 1], tpr [0, 0.5, 0.5, 1, 1]; average_precision_score gives 0.8333….
        double[] scores = [0.1, 0.4, 0.35, 0.8];
        bool[] positive = [false, false, true, true];
        var roc = ClassificationMetrics.RocCurve(scores, positive);
        Assert.Equal([0, 0, 0.5, 0.5, 1], roc.X);
        Assert.Equal([0, 0.5, 0.5, 1, 1], roc.Y);
        Assert.Equal([double.PositiveInfinity, 0.8, 0.4, 0.35, 0.1], roc.Thresholds);
        var pr = ClassificationMetrics.PrecisionRecallCurve(scores, positive);
        Assert.Equal([0, 0.5, 0.5, 1, 1], pr.X);
        Assert.Equal([1, 1, 0.5, 2.0 / 3, 0.5], pr.Y);
        Assert.Equal(0.5 + 0.5 * 2 / 3.0, ClassificationMetrics.AveragePrecision(scores, positive), 15);
        Assert.Throws<ArgumentException>(() => ClassificationMetrics.RocCurve(scores, [true, true, true, true]));
    }

    [Fact]
    public void The_area_under_the_roc_curve_is_the_roc_auc_also_with_ties()
    {
        var random = new Random(5);
        double[] scores = [.. Enumerable.Range(0, 300).Select(_ => Math.Round(random.NextDouble(), 1))];
        bool[] positive = [.. scores.Select(v => random.NextDouble() < v)];
        var roc = ClassificationMetrics.RocCurve(scores, positive);
        double area = Enumerable.Range(1, roc.X.Count - 1).Sum(k => (roc.X[k] - roc.X[k - 1]) * (roc.Y[k] + roc.Y[k - 1]) / 2);
        Assert.Equal(ClassificationMetrics.RocAuc(scores, positive), area, 12);
    }

    [Fact]
    public void Calibration_bins_hold_their_mean_prediction_and_fraction_of_positives()
    {
        double[] p = [0.05, 0.15, 0.12, 0.95, 1.0, 0.55];
        bool[] positive = [false, true, false, true, true, false];
        var bins = ClassificationMetrics.CalibrationCurve(p, positive, bins: 10);
        Assert.Equal(4, bins.Count);
        Assert.Equal(new CalibrationBin(0.05, 0, 1), bins[0]);
        Assert.Equal(0.135, bins[1].MeanPredicted, 15);
        Assert.Equal(0.5, bins[1].FractionPositive);
        Assert.Equal(new CalibrationBin(0.55, 0, 1), bins[2]);
        Assert.Equal(new CalibrationBin(0.975, 1, 2), bins[3]);
        Assert.Throws<ArgumentException>(() => ClassificationMetrics.CalibrationCurve([1.5], [true]));
    }

    [Fact]
    public void Roc_auc_of_many_samples_does_not_overflow()
    {
        // 100,000 positives: P(P + 1) is beyond an int. Distinct interleaved scores: the AUC is the share of (positive, negative)
        // pairs in which the positive scores higher, counted here pair by pair.
        int n = 200_000;
        var scores = Enumerable.Range(0, n).Select(i => (double)i).ToArray();
        var positive = Enumerable.Range(0, n).Select(i => i % 2 == 1).ToArray();
        long ordered = 0, negativesBelow = 0;
        for (int i = 0; i < n; i++)
        {
            if (positive[i])
            {
                ordered += negativesBelow;
            }
            else
            {
                negativesBelow++;
            }
        }

        double expected = ordered / ((double)(n / 2) * (n / 2));
        Assert.Equal(expected, ClassificationMetrics.RocAuc(scores, positive), 12);
        Assert.InRange(expected, 0.5, 0.5001);
    }

    [Fact]
    public void Confusion_matrix_rejects_unknown_labels() =>
        Assert.Contains("not one of the classes", Assert.Throws<ArgumentException>(() => new ConfusionMatrix<string>(["a"], ["z"], ["a", "b"])).Message);

    [Fact]
    public void Log_loss_is_the_mean_negative_log_probability()
    {
        var p = Matrix<double>.FromRows([[0.8, 0.2], [0.3, 0.7], [0.5, 0.5]]);
        double expected = -(Math.Log(0.8) + Math.Log(0.7) + Math.Log(0.5)) / 3;
        Assert.Equal(expected, ClassificationMetrics.LogLoss(p, [0, 1, 0]), 15);
        // A certain mistake is clipped, not infinite.
        Assert.Equal(-Math.Log(1e-15), ClassificationMetrics.LogLoss(Matrix<double>.FromRows([[1.0, 0.0]]), [1]), 9);
    }

    [Fact]
    public void Roc_auc_matches_pair_counting_with_ties()
    {
        // Positives 0.8, 0.4, 0.35; negatives 0.1, 0.4, 0.7. Pairs won: 0.8 beats 3; 0.4 beats 0.1, ties 0.4 → 1.5; 0.35 beats 0.1 → 1. (3 + 1.5 + 1) / 9.
        double auc = ClassificationMetrics.RocAuc([0.8, 0.4, 0.35, 0.1, 0.4, 0.7], [true, true, true, false, false, false]);
        Assert.Equal(5.5 / 9, auc, 15);
        Assert.Equal(1.0, ClassificationMetrics.RocAuc([0.9, 0.1], [true, false]));
        Assert.Throws<ArgumentException>(() => ClassificationMetrics.RocAuc([0.9, 0.1], [true, true]));
    }

    [Fact]
    public void Regression_metrics_match_hand_computation()
    {
        var y = Matrix<double>.ColumnVector([1.0, 2, 3, 4]);
        var p = Matrix<double>.ColumnVector([1.5, 2, 2, 4]);
        Assert.Equal((0.25 + 0 + 1 + 0) / 4, RegressionMetrics.MeanSquaredError(y, p), 15);
        Assert.Equal((0.5 + 0 + 1 + 0) / 4, RegressionMetrics.MeanAbsoluteError(y, p), 15);
        // SS_tot = 2.25 + 0.25 + 0.25 + 2.25 = 5, SS_res = 1.25.
        Assert.Equal(1 - 1.25 / 5, RegressionMetrics.R2(y, p), 15);
    }

    [Fact]
    public void R2_of_a_constant_target_is_one_when_exact_else_zero()
    {
        var y = Matrix<double>.ColumnVector([2.0, 2]);
        Assert.Equal(1, RegressionMetrics.R2(y, y));
        Assert.Equal(0, RegressionMetrics.R2(y, Matrix<double>.ColumnVector([2.0, 3])));
    }

    [Fact]
    public void Regression_metrics_reject_mismatched_shapes() =>
        Assert.Throws<ArgumentException>(() => RegressionMetrics.MeanSquaredError(Matrix<double>.ColumnVector([1.0]), Matrix<double>.ColumnVector([1.0, 2])));
}
