using System.Globalization;
using Nabla.Bayes;
using Nabla.Estimators;
using Nabla.Linear;
using Nabla.Metrics;
using Nabla.Tensors;

namespace Nabla.Tests.Estimators;

/// <summary>
/// Class order is ordinal for strings whatever the current culture. The test project runs with ICU (invariant
/// globalization off), so these tests see the cultures' real comparisons: under sv-SE "Ä" sorts after "Z", under en-US
/// before it, and en-US ignores U+FEFF.
/// </summary>
public class LabelOrderTests
{
    private static readonly Matrix<double> FourPoints = Matrix<double>.FromRows([[0.0, 0.0], [0.1, 0.2], [2.0, 2.1], [2.2, 1.9]]);

    [Fact]
    public void The_cultures_used_below_really_order_these_strings_differently()
    {
        // Without this, the tests below could pass on invariant globalization without testing anything.
        Assert.True(string.Compare("Ä", "Z", CultureInfo.GetCultureInfo("en-US"), CompareOptions.None) < 0);
        Assert.True(string.Compare("Ä", "Z", CultureInfo.GetCultureInfo("sv-SE"), CompareOptions.None) > 0);
        Assert.Equal(0, string.Compare("a", "a\uFEFF", CultureInfo.GetCultureInfo("en-US"), CompareOptions.None));
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("sv-SE")]
    [InlineData("tr-TR")]
    public void Classes_are_in_ordinal_order_in_every_culture(string culture)
    {
        var model = InCulture(culture, () => new LogisticRegression<double, string>().Fit(FourPoints, ["Z", "Z", "Ä", "Ä"]));
        Assert.Equal(["Z", "Ä"], model.Classes); // 'Z' is U+005A, 'Ä' U+00C4
        Assert.Equal(["Ä", "Z"], InCulture(culture, () => model.Predict(Matrix<double>.FromRows([[2.0, 2.0], [0.0, 0.1]]))));
    }

    [Fact]
    public void The_same_data_gives_the_same_model_under_different_cultures()
    {
        string[] labels = ["Z", "Ä", "Z", "Ä"];
        var swedish = InCulture("sv-SE", () => new LogisticRegression<double, string>().Fit(FourPoints, labels));
        var american = InCulture("en-US", () => new LogisticRegression<double, string>().Fit(FourPoints, labels));
        Assert.Equal(swedish.Classes, american.Classes);
        Assert.Equal(swedish.Coefficients.AsReadOnlySpan().ToArray(), american.Coefficients.AsReadOnlySpan().ToArray());
    }

    [Fact]
    public void Labels_a_culture_calls_equal_are_separate_classes_and_round_trip()
    {
        var x = Matrix<double>.FromRows([[0.0, 0.0], [0.2, 0.1], [3.0, 0.0], [3.1, 0.2], [0.0, 3.0], [0.1, 3.2]]);
        string[] y = ["a", "a", "a\uFEFF", "a\uFEFF", "b", "b"];
        var model = InCulture("en-US", () => new BayesClassifier<double, string>(new BayesClassifierOptions
        {
            DensityEstimator = points => GaussianDensity.Isotropic([points[0, 0], points[0, 1]], 0.5),
        }).Fit(x, y));

        Assert.Equal(["a", "a\uFEFF", "b"], model.Classes);
        Assert.Equal(y, InCulture("en-US", () => model.Predict(x)));
    }

    [Fact]
    public void A_confusion_matrix_orders_its_classes_as_the_classifiers_do()
    {
        var matrix = InCulture("sv-SE", () => new ConfusionMatrix<string>(["Ä", "Z", "a"], ["Ä", "Z", "Z"]));
        Assert.Equal(["Z", "a", "Ä"], matrix.Classes);
    }

    [Fact]
    public void Bayes_from_densities_takes_classes_in_ordinal_order_in_every_culture()
    {
        IDensity[] densities = [GaussianDensity.Isotropic([0.0], 1.0), GaussianDensity.Isotropic([1.0], 1.0)];
        var model = InCulture("sv-SE", () => BayesClassifier<double, string>.FromDensities(["Z", "Ä"], densities));
        Assert.Equal(["Z", "Ä"], model.Classes);
        Assert.Throws<ArgumentException>(() => InCulture("en-US", () => BayesClassifier<double, string>.FromDensities(["Ä", "Z"], densities)));
    }

    [Fact]
    public void Labels_that_differ_but_compare_equal_are_refused_with_a_clear_message()
    {
        var e = Assert.Throws<ArgumentException>(() => LabelOrder.SortedDistinct([new Loose(1, "x"), new Loose(1, "y")]));
        Assert.Contains("compare as equal", e.Message);
    }

    [Fact]
    public void Labels_without_an_order_are_refused_with_a_clear_message()
    {
        var e = Assert.Throws<ArgumentException>(() => LabelOrder.SortedDistinct([new object(), new object()]));
        Assert.Contains("cannot be sorted", e.Message);
    }

    [Fact]
    public void Numbers_keep_their_numeric_order()
    {
        Assert.Equal([-1, 2, 10], LabelOrder.SortedDistinct([10, 2, -1, 2]));
        Assert.Equal([-0.5, 0.0, 1e3], LabelOrder.SortedDistinct([1e3, 0.0, -0.5, -0.0]));
    }

    private static TResult InCulture<TResult>(string name, Func<TResult> action)
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(name);
            return action();
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    /// <summary>A label type whose order looks at the key only while equality looks at the name too.</summary>
    private sealed record Loose(int Key, string Name) : IComparable<Loose>
    {
        public int CompareTo(Loose? other) => other is null ? 1 : Key.CompareTo(other.Key);
    }
}
