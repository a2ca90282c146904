using MLExt.Neural;
using MLExt.Neural.Onnx;
using MLExt.Neural.Onnx.Proto;
using MLExt.Trainers.Persistence;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExt.Trainers;

/// <summary>
/// Binary classification: one logit z trained with sigmoid cross-entropy. Outputs ML.NET's binary
/// columns: <c>Score</c> = z (thresholded at 0), <c>Probability</c> = σ(z), <c>PredictedLabel</c> = z &gt; 0.
/// </summary>
internal sealed class BinaryHead : PredictionHead
{
    private static readonly OutputColumn[] Columns =
    [
        new(ColumnNames.Score, NumberDataViewType.Single),
        new(ColumnNames.Probability, NumberDataViewType.Single),
        new(ColumnNames.PredictedLabel, BooleanDataViewType.Instance),
    ];

    public BinaryHead(DataViewSchema.Column label)
    {
        if (label.Type is not BooleanDataViewType)
            throw WrongLabelType(label, "binary trainer needs a Boolean label");
    }

    public override int Units => 1;

    public override string Task => "binary";

    public override IReadOnlyList<OutputColumn> OutputColumns => Columns;

    public override Loss CreateLoss() => new BinaryCrossEntropyWithLogits();

    public override ValidationMetric CreateMetric() => new AccuracyMetric();

    public override TargetWriter CreateTargetWriter(DataViewRow row, DataViewSchema.Column label)
    {
        var getter = row.GetGetter<bool>(label);
        bool value = false;
        return (targets, _) =>
        {
            getter(ref value);
            targets[0] = value ? 1f : 0f;
        };
    }

    // Score = z, Probability = σ(z); PredictedLabel = z > 0 is left to the adapter.
    public override IReadOnlyList<OnnxHeadOutput> AddOnnxOutputs(OnnxGraphBuilder graph, string logits) =>
    [
        new(ColumnNames.Score, logits, TensorProto.Types.DataType.Float, [1]),
        new(ColumnNames.Probability, graph.AddNode("Sigmoid", "probability", [logits]), TensorProto.Types.DataType.Float, [1]),
    ];

    public override IEstimator<ITransformer> CreateColumnAdapters(MLContext mlContext) =>
        mlContext.Transforms.CustomMapping(new BinaryOutputsMapping().GetMapping(), BinaryOutputsMapping.ContractName);

    public override Delegate CreateGetter(int index, ScoredRow row) => index switch
    {
        0 => (ValueGetter<float>)((ref float value) => value = row.Ensure()[0]),
        1 => (ValueGetter<float>)((ref float value) => value = 1f / (1f + MathF.Exp(-row.Ensure()[0]))),
        2 => (ValueGetter<bool>)((ref bool value) => value = row.Ensure()[0] > 0f),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };
}
