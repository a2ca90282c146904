using MLExt.Tests.Onnx;
using MLExt.Trainers;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using Tensor = MLExt.Neural.Tensor;

namespace MLExt.Tests.Trainers;

/// <summary>The regression trainer's label scaling: fitted on the training rows, undone inside the model.</summary>
public sealed class LabelScalingTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mlext-labelscaling-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private sealed class Row
    {
        [VectorType(SyntheticData.FeatureCount)]
        public float[] Features { get; set; } = [];

        public float Label { get; set; }
    }

    // SyntheticData's rows with the label mapped by `label` (multiples of 1/64, so that shifting by a power of two is exact).
    private static IDataView Data(MLContext ml, int count, int seed, Func<float, float> label) =>
        ml.Data.LoadFromEnumerable(SyntheticData.Rows(count, seed)
            .Select(r => new Row { Features = r.Features, Label = label(MathF.Round(r.Value * 64f) / 64f) }).ToList());

    private static NeuralNetworkRegressionTrainer Trainer(MLContext ml, RegressionLabelScaling scaling, int epochs = 10) =>
        TrainerFactory.Regression(ml, o => { o.LabelScaling = scaling; o.NumberOfEpochs = epochs; o.ValidationFraction = 0.2f; });

    [Theory]
    [InlineData(RegressionLabelScaling.Standardize)]
    [InlineData(RegressionLabelScaling.LogStandardize)]
    public void ScoreInProcessSavedAndExportedIsTheUnscaledNetworkOutput(RegressionLabelScaling scaling)
    {
        var ml = new MLContext(seed: 1);
        // Labels in the thousands, positive for the log transform.
        var data = Data(ml, 240, 1, y => 5000f + 300f * y);
        var model = Trainer(ml, scaling).Fit(data);
        var transform = model.LabelScaling!;
        Assert.False(transform.IsIdentity);
        Assert.Equal(scaling == RegressionLabelScaling.LogStandardize, transform.Log);

        const int n = 9;
        var rows = ml.Data.CreateEnumerable<Row>(data, reuseRowObject: false).Take(n).ToList();
        var features = new Tensor(rows.SelectMany(r => r.Features).ToArray(), n, SyntheticData.FeatureCount);
        var raw = model.Network.Forward(features, training: false).Span.ToArray();
        var expected = raw.Select(z => scaling == RegressionLabelScaling.LogStandardize
            ? (float)Math.Exp(z * (double)transform.StandardDeviation + transform.Mean)
            : (float)(z * (double)transform.StandardDeviation + transform.Mean)).ToArray();
        Assert.All(expected, e => Assert.InRange(e, 3000f, 8000f));

        var inProcess = model.Transform(data).GetColumn<float>("Score").Take(n).ToArray();
        Neural.TestTensors.AssertClose(expected, inProcess, 1e-5, "in-process Score");

        string path = Path.Combine(_directory, "model.zip");
        ml.Model.Save(model, data.Schema, path);
        var loaded = new MLContext(seed: 2).RegisterMLExt().Model.Load(path, out _);
        Neural.TestTensors.AssertClose(expected, loaded.Transform(data).GetColumn<float>("Score").Take(n).ToArray(), 1e-5, "loaded Score");

        using var onnx = new MemoryStream();
        model.ExportOnnx(onnx);
        var exported = OnnxRuntimeRunner.Run(onnx.ToArray(), "Features", features)["Score"].Values;
        Neural.TestTensors.AssertClose(expected, exported, 1e-5, "ONNX Score");
        var operators = OnnxRuntimeRunner.OperatorTypes(onnx.ToArray());
        Assert.Contains("Mul", operators);
        Assert.Equal(scaling == RegressionLabelScaling.LogStandardize, operators.Contains("Exp"));
    }

    [Fact]
    public void AConstantShiftOfTheLabelChangesOnlyTheIntercept()
    {
        const float Shift = 1024f;
        var ml = new MLContext(seed: 1);
        var model = Trainer(ml, RegressionLabelScaling.Standardize).Fit(Data(ml, 240, 1, y => y));
        var shifted = Trainer(ml, RegressionLabelScaling.Standardize).Fit(Data(ml, 240, 1, y => y + Shift));

        Assert.Equal(model.LabelScaling!.Mean + Shift, shifted.LabelScaling!.Mean, 1e-3);
        Assert.Equal(model.LabelScaling.StandardDeviation, shifted.LabelScaling.StandardDeviation, 1e-5 * model.LabelScaling.StandardDeviation);
        Neural.TestTensors.AssertClose(model.Network.GetWeights().SelectMany(w => w).ToArray(),
            shifted.Network.GetWeights().SelectMany(w => w).ToArray(), 1e-4, "network weights");

        var test = Data(ml, 60, 2, y => y);
        var a = model.Transform(test).GetColumn<float>("Score").ToArray();
        var b = shifted.Transform(test).GetColumn<float>("Score").ToArray();
        // Float32 near 1024 resolves 1.2e-4; allow a few of those.
        for (int i = 0; i < a.Length; i++)
            Assert.True(Math.Abs(b[i] - (a[i] + Shift)) < 1e-3, $"row {i}: {b[i]} vs {a[i]} + {Shift}");
        // Losses are reported in the label's units: a shift does not change them.
        Assert.Equal(model.History.Epochs[^1].ValidationLoss!.Value, shifted.History.Epochs[^1].ValidationLoss!.Value, 1e-3);
    }

    [Fact]
    public void LossesAndTheValidationMetricAreInTheLabelsUnits()
    {
        var ml = new MLContext(seed: 1);
        // The label times 100: the validation RMSE and loss are 100 and 100² times those of the label itself.
        var small = Trainer(ml, RegressionLabelScaling.Standardize).Fit(Data(ml, 240, 1, y => y)).History.Epochs[^1];
        var large = Trainer(ml, RegressionLabelScaling.Standardize).Fit(Data(ml, 240, 1, y => 100f * y)).History.Epochs[^1];
        Assert.Equal(100 * small.ValidationMetric!.Value, large.ValidationMetric!.Value, 1e-3 * large.ValidationMetric.Value);
        Assert.Equal(1e4 * small.ValidationLoss!.Value, large.ValidationLoss!.Value, 1e-3 * large.ValidationLoss.Value);
        Assert.Equal(1e4 * small.TrainingLoss, large.TrainingLoss, 1e-3 * large.TrainingLoss);
        // Mean squared error in the label's units: the validation loss is the square of the validation RMSE.
        Assert.Equal(large.ValidationMetric.Value * large.ValidationMetric.Value, large.ValidationLoss.Value, 1e-4 * large.ValidationLoss.Value);
    }

    [Fact]
    public void AConstantLabelIsRefusedNamingTheColumn()
    {
        var ml = new MLContext(seed: 1);
        var e = Assert.Throws<ArgumentException>(() => Trainer(ml, RegressionLabelScaling.Standardize).Fit(Data(ml, 60, 1, _ => 3.5f)));
        Assert.Contains("Label column 'Label' has the same value 3.5 in all", e.Message);
    }

    [Fact]
    public void TheLogTransformRefusesALabelAtOrBelowZeroNamingTheColumnAndRow()
    {
        var ml = new MLContext(seed: 1);
        var e = Assert.Throws<ArgumentException>(() => Trainer(ml, RegressionLabelScaling.LogStandardize).Fit(Data(ml, 60, 1, y => y)));
        Assert.Contains("Label column 'Label' has the value", e.Message);
        Assert.Contains("needs every label > 0", e.Message);
    }

    [Fact]
    public void AFewEnormousLabelsAreReportedWithTheLogAndHuberHint()
    {
        var ml = new MLContext(seed: 1);
        var warnings = new List<string>();
        ml.Log += (_, e) => { if (e.Kind == ChannelMessageKind.Warning) lock (warnings) warnings.Add(e.Message); };
        int row = 0;
        var model = Trainer(ml, RegressionLabelScaling.Standardize, epochs: 2)
            .Fit(Data(ml, 200, 1, y => row++ % 100 == 7 ? 1e6f : 10f + y));
        Assert.NotNull(model);
        var warning = Assert.Single(warnings, w => w.Contains("dominate", StringComparison.Ordinal));
        Assert.Contains("Label column 'Label'", warning);
        Assert.Contains("LogStandardize", warning);
        Assert.Contains("Huber", warning);

        // An ordinary label gives no such warning.
        warnings.Clear();
        Trainer(ml, RegressionLabelScaling.Standardize, epochs: 2).Fit(Data(ml, 200, 1, y => y));
        Assert.DoesNotContain(warnings, w => w.Contains("dominate", StringComparison.Ordinal));
    }
}
