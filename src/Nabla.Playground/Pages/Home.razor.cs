using System.Diagnostics;
using System.Globalization;
using System.Runtime.Versioning;
using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components.Web;
using Nabla.Bayes;
using Nabla.Networks;
using Nabla.Playground.Engine;
using Nabla.Playground.Interop;
using Nabla.Tensors;
using Nabla.Training;

namespace Nabla.Playground.Pages;

/// <summary>
/// The network page: TensorFlow Playground's controls on Nabla's engine. Training runs in slices of whole epochs of about
/// <see cref="FrameMilliseconds"/> (a slice of whole epochs, then a redraw, then the browser's next animation frame), so the page redraws while it learns.
/// </summary>
[SupportedOSPlatform("browser")]
public partial class Home : IDisposable
{
    /// <summary>
    /// The frame period aimed at (15 redraws a second): each slice of training gets what the redraw before it left of
    /// it, between <see cref="MinSliceMilliseconds"/> and <see cref="MaxSliceMilliseconds"/>.
    /// </summary>
    public const double FrameMilliseconds = 66;

    /// <summary>The shortest slice of training between two redraws.</summary>
    public const double MinSliceMilliseconds = 10;

    /// <summary>The longest slice of training between two redraws.</summary>
    public const double MaxSliceMilliseconds = 40;

    /// <summary>Side of the output surface in pixels.</summary>
    public const int SurfaceSize = 320;

    /// <summary>Grid points per side of the surface and the node thumbnails.</summary>
    public const int GridSize = 40;

    /// <summary>Monte Carlo draws for the Bayes error and the network's risk.</summary>
    public const int BayesSamples = 20_000;

    private static readonly double[] LearningRates = [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];
    private static readonly double[] RegularizationRates = [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];

    private readonly RateMeter _epochs = new(), _frames = new();
    private PlaygroundSettings _settings = new();
    private TrainingSession _session = default!;
    private SurfaceGrid _grid = default!;
    private CsvPoints? _csv;
    private BayesClassifier<double, int>? _bayes;
    private KnownDensities? _known;
    private double _bayesError = double.NaN, _modelRisk = double.NaN, _trainAccuracy = double.NaN, _testAccuracy = double.NaN;
    private double _epochRate, _frameRate, _sliceMilliseconds = MaxSliceMilliseconds;
    private double _epochMilliseconds, _figuresMilliseconds, _renderMilliseconds, _gridMilliseconds, _paintMilliseconds;
    private long _lastRisk;
    private bool _playing, _disposed;
    private string? _message;
    private NetworkTrace<double>? _trace;
    private int _tracePoint = -1;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    /// <inheritdoc/>
    public void Dispose()
    {
        _playing = false;
        _disposed = true;
        GC.SuppressFinalize(this);
    }

    /// <inheritdoc/>
    protected override void OnInitialized()
    {
        string query = new Uri(Navigation.Uri).Query;
        _settings = PlaygroundSettings.FromQuery(query, out var problems);
        if (_settings.Dataset == DatasetKind.Csv)
        {
            problems = [.. problems, "The link names an uploaded CSV, which stays in the browser it was opened in: upload it again (the circle data is shown)."];
            _settings = _settings with { Dataset = DatasetKind.Circle };
        }

        _message = problems.Count == 0 ? null : string.Join(" ", problems);
        Build();
    }

    /// <inheritdoc/>
    protected override void OnAfterRender(bool firstRender)
    {
        if (_disposed)
        {
            return;
        }

        long t0 = Stopwatch.GetTimestamp();
        _grid.Compute(_session.Network);
        long t1 = Stopwatch.GetTimestamp();
        var p = _session.Points;
        double[] test = [.. p.IsTest.Select(t => t ? 1.0 : 0.0)];
        var (lo, hi) = _session.Regression ? (-1.0, 1.0) : (0.0, 1.0);
        Canvas.DrawSurface("surface", GridSize, _grid.Output, lo, hi, _settings.Discretize, Datasets.Extent, p.X1, p.X2, p.Target, test, _settings.ShowTest, p.Regression, _tracePoint);
        Canvas.DrawUnits("node-", _grid.Low.Length, GridSize, _grid.Nodes, _grid.Low, _grid.High);
        _gridMilliseconds = Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds;
        _paintMilliseconds = Stopwatch.GetElapsedTime(t1).TotalMilliseconds;
        if (_playing)
        {
            _frames.Tick();
        }
    }

    private string? Warning
    {
        get
        {
            long work = (long)_session.Network.ParameterCount * _session.TrainRows.Count;
            return work > 400_000
                ? $"A large network for the browser: {_session.Network.ParameterCount:N0} weights × {_session.TrainRows.Count:N0} training points per epoch. It trains (there is no cap), but expect few epochs per second."
                : null;
        }
    }

    private static string Text(double v) => double.IsNaN(v) ? "–" : v.ToString("G4", CultureInfo.InvariantCulture);

    // A value from the link that is not among a list's choices is offered too, so the list shows it.
    private static IEnumerable<double> WithCurrent(IEnumerable<double> choices, double current) => choices.Append(current).Distinct().Order();

    private static double Last(IReadOnlyList<double> values) => values.Count == 0 ? double.NaN : values[^1];

    private static int Int(ChangeEventArgs e) => int.TryParse(e.Value?.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) ? v : 0;

    private static double Real(ChangeEventArgs e) => double.Parse(e.Value!.ToString()!, CultureInfo.InvariantCulture);

    private void Build(NeuralNetwork<double>? network = null)
    {
        _trace = null;
        _tracePoint = -1;
        try
        {
            var points = _settings.Dataset == DatasetKind.Csv && _csv is not null
                ? Datasets.FromColumns(_csv.First, _csv.Second, _csv.Target, _csv.Regression, _settings.TrainPercent, _settings.Seed)
                : Datasets.Generate(_settings);
            _session = new TrainingSession(_settings, points, network);
        }
        catch (ArgumentException e)
        {
            _message = e.Message;
            _settings = new PlaygroundSettings();
            _session = new TrainingSession(_settings, Datasets.Generate(_settings));
        }

        _grid = new SurfaceGrid(GridSize, _settings.Inputs);
        _known = KnownDensities.Of(_settings);
        _bayes = _known?.Classifier();
        if (_known is not null && _bayes is not null)
        {
            _bayesError = _bayes.EstimateRisk(BayesSamples, _settings.Seed).Risk;
            Canvas.SetBoundary("surface", 100, _known.Decisions(new SurfaceGrid(100, [InputFeature.X1, InputFeature.X2])));
        }
        else
        {
            Canvas.SetBoundary("surface", 0, []);
        }

        UpdateFigures(force: true);
        Canvas.SetQuery(_settings.ToQuery());
    }

    private void Change(PlaygroundSettings settings, bool rebuild = true)
    {
        _message = null;
        if (!rebuild && TrainingSession.SameDataAndNetwork(settings, _session.Settings))
        {
            _settings = settings;
            _session.ApplyTrainingSettings(settings);
            Canvas.SetQuery(_settings.ToQuery());
            return;
        }

        _settings = settings;
        Build();
    }

    private void UpdateFigures(bool force = false)
    {
        _trainAccuracy = _session.TrainAccuracy;
        _testAccuracy = _session.TestAccuracy;
        _epochRate = _epochs.PerSecond;
        _frameRate = _frames.PerSecond;
        long now = Stopwatch.GetTimestamp();
        if (_bayes is not null && (force || !_playing || Stopwatch.GetElapsedTime(_lastRisk, now).TotalSeconds > 1.5))
        {
            _lastRisk = now;
            _modelRisk = _bayes.EstimateRisk(ModelDecisions, BayesSamples, _settings.Seed).Risk;
        }
    }

    // The network's minimum-risk decision from its estimate of P(class 1 | x): class 1 where a^[L] ≥ 1/(1 + c).
    private int[] ModelDecisions(Matrix<double> x)
    {
        var (x1, x2) = KnownDensities.Columns(x);
        double threshold = _known?.Threshold ?? 0.5;
        return [.. _session.Predict(x1, x2).Select(a => a >= threshold ? 1 : 0)];
    }

    private async Task TogglePlay()
    {
        _playing = !_playing;
        if (!_playing)
        {
            return;
        }

        _epochs.Clear();
        _frames.Clear();
        double overhead = 30;
        long? frameStart = null;
        while (_playing && !_disposed)
        {
            long start = Stopwatch.GetTimestamp();
            if (frameStart is long f)
            {
                // What the last redraw cost (drawing, rendering, the browser's frame), smoothed.
                overhead = 0.8 * overhead + 0.2 * (Stopwatch.GetElapsedTime(f, start).TotalMilliseconds - _sliceMilliseconds);
            }

            frameStart = start;
            _sliceMilliseconds = Math.Clamp(FrameMilliseconds - overhead, MinSliceMilliseconds, MaxSliceMilliseconds);
            int trained = 0;
            try
            {
                do
                {
                    _session.TrainEpoch();
                    _epochs.Tick();
                    trained++;
                }
                while (_playing && Stopwatch.GetElapsedTime(start).TotalMilliseconds < _sliceMilliseconds);
            }
            catch (TrainingDivergedException e)
            {
                _playing = false;
                _message = e.Message;
            }

            long figures = Stopwatch.GetTimestamp();
            _epochMilliseconds = Stopwatch.GetElapsedTime(start, figures).TotalMilliseconds / Math.Max(1, trained);
            UpdateFigures();
            RefreshTrace();
            long render = Stopwatch.GetTimestamp();
            _figuresMilliseconds = Stopwatch.GetElapsedTime(figures, render).TotalMilliseconds;
            StateHasChanged();
            _renderMilliseconds = Stopwatch.GetElapsedTime(render).TotalMilliseconds - _gridMilliseconds - _paintMilliseconds;
            await Canvas.NextFrame();
        }

        UpdateFigures(force: true);
        StateHasChanged();
    }

    private void Step()
    {
        try
        {
            _session.TrainEpoch();
        }
        catch (TrainingDivergedException e)
        {
            _message = e.Message;
        }

        UpdateFigures(force: true);
        RefreshTrace();
    }

    private void Reset()
    {
        _playing = false;
        Build();
    }

    private void ChangeProblem(string problem)
    {
        bool regression = problem == "regression";
        if (regression == _session.Regression)
        {
            return;
        }

        if (_settings.Dataset == DatasetKind.Csv)
        {
            _message = "An uploaded CSV's problem type follows its target column: two values are classes, more numbers a regression. Choose another target, or a built-in dataset.";
            return;
        }

        Change(_settings with { Dataset = regression ? Datasets.Regression[0] : Datasets.Classification[0] });
    }

    private void ToggleFeature(InputFeature feature, bool on)
    {
        var inputs = Features.All.Where(f => f == feature ? on : _settings.Inputs.Contains(f)).ToArray();
        if (inputs.Length == 0)
        {
            _message = "The network needs at least one input feature.";
            return;
        }

        Change(_settings with { Inputs = inputs });
    }

    private void AddLayer() => Change(_settings with { Hidden = [.. _settings.Hidden, _settings.Hidden.Count > 0 ? _settings.Hidden[^1] : 2] });

    private void RemoveLayer() => Change(_settings with { Hidden = [.. _settings.Hidden.Take(_settings.Hidden.Count - 1)] });

    private void SetUnits(int layer, int units)
    {
        if (units < 1)
        {
            _message = "A hidden layer needs at least one unit.";
            return;
        }

        var hidden = _settings.Hidden.ToArray();
        hidden[layer] = units;
        Change(_settings with { Hidden = hidden });
    }

    private void UseCsv(CsvPoints csv)
    {
        _csv = csv;
        _settings = _settings with { Dataset = DatasetKind.Csv };
        Build();
        _message = $"{csv.Source}: {csv.First.Length:N0} points{(csv.Skipped > 0 ? $" ({csv.Skipped:N0} rows without numbers left out)" : "")}, "
            + (csv.Regression ? "a numeric target: regression." : $"classes {csv.Classes[0]} (orange, 0) and {csv.Classes[1]} (blue, 1).")
            + " Each feature is mapped onto [−5, 5].";
    }

    private void ClickSurface(MouseEventArgs e)
    {
        var p = _session.Points;
        double scale = 2 * Datasets.Extent / SurfaceSize;
        double x = -Datasets.Extent + e.OffsetX * scale, y = Datasets.Extent - e.OffsetY * scale;
        int best = -1;
        double bestDistance = 12 * scale;
        for (int i = 0; i < p.Count; i++)
        {
            if (p.IsTest[i] && !_settings.ShowTest)
            {
                continue;
            }

            double d = Math.Sqrt((p.X1[i] - x) * (p.X1[i] - x) + (p.X2[i] - y) * (p.X2[i] - y));
            if (d < bestDistance)
            {
                (best, bestDistance) = (i, d);
            }
        }

        _tracePoint = best;
        RefreshTrace();
    }

    private void RefreshTrace() => _trace = _tracePoint >= 0 ? _session.Trace(_tracePoint) : null;

    private void ExportModel() => Canvas.Download("nabla-playground-model.json", _session.ToModelJson());

    private void ExportPoints()
    {
        var p = _session.Points;
        var extra = _settings.Inputs.Where(f => f is not InputFeature.X1 and not InputFeature.X2).ToArray();
        var predicted = _session.PredictLabels(p.X1, p.X2);
        var csv = new StringBuilder();
        csv.AppendLine(string.Join(",", new[] { "x1", "x2" }.Concat(extra.Select(Features.Name)).Concat(["label", "set", "predicted"])));
        string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        for (int i = 0; i < p.Count; i++)
        {
            var cells = new List<string> { F(p.X1[i]), F(p.X2[i]) };
            cells.AddRange(extra.Select(f => F(Features.Value(f, p.X1[i], p.X2[i]))));
            cells.Add(F(p.Target[i]));
            cells.Add(p.IsTest[i] ? "test" : "train");
            cells.Add(F(predicted[i]));
            csv.AppendLine(string.Join(",", cells));
        }

        Canvas.Download("nabla-playground-points.csv", csv.ToString());
    }

    private async Task ImportModel(InputFileChangeEventArgs e)
    {
        _playing = false;
        try
        {
            using var reader = new StreamReader(e.File.OpenReadStream(20_000_000));
            string json = await reader.ReadToEndAsync();
            var (settings, network) = TrainingSession.FromModelJson(json, e.File.Name, _settings);
            _settings = settings;
            Build(network);
            _message = $"{e.File.Name}: loaded ({string.Join("-", network.Sizes)} network, {settings.Activation}).";
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or IOException or Serialization.ModelFormatException)
        {
            _message = ex.Message;
        }
    }
}
