using MLExt.Neural;
using MLExt.Neural.Onnx;
using MLExt.Neural.Onnx.Proto;
using MLExt.Trainers.Persistence;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExt.Trainers;

/// <summary>Regression: one output trained with the chosen loss; outputs ML.NET's <c>Score</c> column.</summary>
internal sealed class RegressionHead : PredictionHead
{
    private static readonly OutputColumn[] Columns = [new(ColumnNames.Score, NumberDataViewType.Single)];
    private readonly RegressionLoss _loss;

    public RegressionHead(DataViewSchema.Column label, RegressionLoss loss)
    {
        if (label.Type != NumberDataViewType.Single)
            throw WrongLabelType(label, "regression trainer needs a Single (float) label");
        _loss = loss;
    }

    public override int Units => 1;

    public override string Task => "regression";

    public override IReadOnlyList<OutputColumn> OutputColumns => Columns;

    public override Loss CreateLoss() => _loss switch
    {
        RegressionLoss.MeanSquaredError => new MeanSquaredError(),
        RegressionLoss.MeanAbsoluteError => new MeanAbsoluteError(),
        RegressionLoss.Huber => new HuberLoss(1f),
        _ => throw new ArgumentOutOfRangeException(nameof(RegressionLoss), _loss, "Unknown regression loss."),
    };

    public override ValidationMetric CreateMetric() => new RootMeanSquaredErrorMetric();

    public override TargetWriter CreateTargetWriter(DataViewRow row, DataViewSchema.Column label)
    {
        var getter = row.GetGetter<float>(label);
        float value = 0;
        return (targets, rowIndex) =>
        {
            getter(ref value);
            if (!float.IsFinite(value))
                throw new InvalidOperationException($"Label column '{label.Name}' has the non-finite value {value} at row {rowIndex}; regression labels must be finite numbers.");
            targets[0] = value;
        };
    }

    // Score = z
    public override IReadOnlyList<OnnxHeadOutput> AddOnnxOutputs(OnnxGraphBuilder graph, string logits) =>
        [new(ColumnNames.Score, logits, TensorProto.Types.DataType.Float, [1])];

    public override IEstimator<ITransformer> CreateColumnAdapters(MLContext mlContext) =>
        mlContext.Transforms.CustomMapping(new RegressionOutputsMapping().GetMapping(), RegressionOutputsMapping.ContractName);

    public override Delegate CreateGetter(int index, ScoredRow row) => index == 0
        ? (ValueGetter<float>)((ref float value) => value = row.Ensure()[0])
        : throw new ArgumentOutOfRangeException(nameof(index));
}
