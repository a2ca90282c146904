using MLExt.Neural;
using MLExt.Neural.Onnx;
using MLExt.Neural.Onnx.Proto;
using MLExt.Trainers.Persistence;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExt.Trainers;

/// <summary>
/// Regression: one output z trained with the chosen loss on the scaled label (<see cref="TargetScaling"/>, fitted
/// on the training rows); outputs ML.NET's <c>Score</c> = the scaling undone, in the label's units.
/// </summary>
internal sealed class RegressionHead : PredictionHead
{
    private static readonly OutputColumn[] Columns = [new(ColumnNames.Score, NumberDataViewType.Single)];
    private readonly RegressionLoss _loss;
    private readonly RegressionLabelScaling _scalingKind;
    private readonly string _labelName;
    private float _labelDeviation = 1f;

    public RegressionHead(DataViewSchema.Column label, RegressionLoss loss, RegressionLabelScaling scaling)
    {
        if (label.Type != NumberDataViewType.Single)
            throw WrongLabelType(label, "regression trainer needs a Single (float) label");
        if (!Enum.IsDefined(scaling))
            throw new ArgumentOutOfRangeException(nameof(NeuralNetworkRegressionTrainer.Options.LabelScaling), scaling, "LabelScaling must be Standardize, LogStandardize or None.");
        _loss = loss;
        _scalingKind = scaling;
        _labelName = label.Name;
    }

    public override int Units => 1;

    public override string Task => "regression";

    public override IReadOnlyList<OutputColumn> OutputColumns => Columns;

    /// <summary>The map from the network's output to the label's units; the identity until <see cref="PrepareTargets"/>.</summary>
    public TargetScaling Scaling { get; private set; } = TargetScaling.Identity;

    public override Loss CreateLoss() => Scaling.IsIdentity
        ? CreateLoss(1f)
        : new LabelUnitsLoss(CreateLoss(1f), CreateLoss(_labelDeviation), Scaling);

    // Huber's δ is 1 in the units the network learns; reported in the label's units it is one standard deviation
    // of the label (for the standardised label, δ = σ gives exactly σ² times the trained loss).
    private Loss CreateLoss(float huberDelta) => _loss switch
    {
        RegressionLoss.MeanSquaredError => new MeanSquaredError(),
        RegressionLoss.MeanAbsoluteError => new MeanAbsoluteError(),
        RegressionLoss.Huber => new HuberLoss(huberDelta),
        _ => throw new ArgumentOutOfRangeException(nameof(RegressionLoss), _loss, "Unknown regression loss."),
    };

    public override ValidationMetric CreateMetric() =>
        Scaling.IsIdentity ? new RootMeanSquaredErrorMetric() : new LabelUnitsMetric(new RootMeanSquaredErrorMetric(), Scaling);

    /// <summary>Fits the scaling on the training labels, warns about labels it would handle badly, and scales the targets of both sets in place.</summary>
    public override void PrepareTargets(float[] training, float[]? validation, Action<string> warn)
    {
        Scaling = TargetScaling.Fit(training, _scalingKind, _labelName);
        _labelDeviation = Scaling.Log ? StandardDeviation(training) : Scaling.StandardDeviation;
        if (_scalingKind != RegressionLabelScaling.LogStandardize && _loss == RegressionLoss.MeanSquaredError
            && TargetScaling.FindDominatingValues(training, _labelName) is { } warning)
            warn(warning);
        if (Scaling.IsIdentity) return;
        ScaleInPlace(training);
        if (validation is not null) ScaleInPlace(validation);
    }

    private void ScaleInPlace(float[] targets)
    {
        for (int i = 0; i < targets.Length; i++) targets[i] = Scaling.Scale(targets[i]);
    }

    private static float StandardDeviation(float[] values)
    {
        double mean = values.Average(v => (double)v);
        return (float)Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
    }

    public override TargetWriter CreateTargetWriter(DataViewRow row, DataViewSchema.Column label)
    {
        var getter = row.GetGetter<float>(label);
        float value = 0;
        bool positive = _scalingKind == RegressionLabelScaling.LogStandardize;
        return (targets, rowIndex) =>
        {
            getter(ref value);
            if (!float.IsFinite(value))
                throw new InvalidOperationException($"Label column '{label.Name}' has the non-finite value {value} at row {rowIndex}; regression labels must be finite numbers.");
            if (positive && !(value > 0f))
                throw new ArgumentException($"Label column '{label.Name}' has the value {value} at row {rowIndex}; LabelScaling = LogStandardize " +
                    "(mlext: --label-scaling log) needs every label > 0. Use Standardize, or shift the label.", "labelColumnName");
            targets[0] = value;
        };
    }

    // Score = g⁻¹(z·σ + μ): Mul and Add, then Exp when the label was log-transformed.
    public override IReadOnlyList<OnnxHeadOutput> AddOnnxOutputs(OnnxGraphBuilder graph, string logits)
    {
        string score = logits;
        if (!Scaling.IsIdentity)
        {
            score = graph.AddNode("Mul", "label_scaled", [score, graph.AddScalar("label_standard_deviation", Scaling.StandardDeviation)]);
            score = graph.AddNode("Add", "label_shifted", [score, graph.AddScalar("label_mean", Scaling.Mean)]);
            if (Scaling.Log) score = graph.AddNode("Exp", "label_exp", [score]);
        }
        return [new(ColumnNames.Score, score, TensorProto.Types.DataType.Float, [1])];
    }

    public override IEstimator<ITransformer> CreateColumnAdapters(MLContext mlContext) =>
        mlContext.Transforms.CustomMapping(new RegressionOutputsMapping().GetMapping(), RegressionOutputsMapping.ContractName);

    public override Delegate CreateGetter(int index, ScoredRow row) => index == 0
        ? (ValueGetter<float>)((ref float value) => value = Scaling.Unscale(row.Ensure()[0]))
        : throw new ArgumentOutOfRangeException(nameof(index));
}
