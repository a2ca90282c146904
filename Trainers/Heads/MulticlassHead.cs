using System.Numerics.Tensors;
using MLExt.Neural;
using MLExt.Neural.Onnx;
using MLExt.Neural.Onnx.Proto;
using MLExt.Trainers.Persistence;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExt.Trainers;

/// <summary>
/// k-class classification: k logits trained with softmax cross-entropy against a one-hot target.
/// Outputs ML.NET's multiclass columns: <c>Score</c> (softmax probabilities, slot names from the
/// label's key values) and <c>PredictedLabel</c> (the label's key type, 1-based, with its key values).
/// </summary>
internal sealed class MulticlassHead : PredictionHead
{
    private readonly OutputColumn[] _columns;
    private readonly string[]? _slotNames;

    public MulticlassHead(DataViewSchema.Column label)
    {
        if (label.Type is not KeyDataViewType key || key.RawType != typeof(uint))
            throw WrongLabelType(label, "multiclass trainer needs a key-typed label (UInt32 key): map it with mlContext.Transforms.Conversion.MapValueToKey");
        if (key.Count < 2 || key.Count > int.MaxValue)
            throw new ArgumentException($"Label column '{label.Name}' has {key.Count} classes; a multiclass trainer needs at least 2.", "labelColumnName");
        Units = (int)key.Count;
        var slotNames = _slotNames = KeyValueNames.Get(label, Units);
        DataViewSchema.Annotations? scoreAnnotations = null;
        if (slotNames is not null)
        {
            var builder = new DataViewSchema.Annotations.Builder();
            builder.Add("SlotNames", new VectorDataViewType(TextDataViewType.Instance, Units), (ValueGetter<VBuffer<ReadOnlyMemory<char>>>)((ref VBuffer<ReadOnlyMemory<char>> value) =>
                value = new VBuffer<ReadOnlyMemory<char>>(Units, slotNames.Select(s => s.AsMemory()).ToArray())));
            scoreAnnotations = builder.ToAnnotations();
        }
        _columns =
        [
            new(ColumnNames.Score, new VectorDataViewType(NumberDataViewType.Single, Units), scoreAnnotations),
            new(ColumnNames.PredictedLabel, label.Type, label.Annotations),
        ];
    }

    public override int Units { get; }

    public override string Task => "multiclass";

    public override IReadOnlyList<OutputColumn> OutputColumns => _columns;

    private static readonly Softmax ProbabilityFunction = new();

    public override Loss CreateLoss() => new SoftmaxCrossEntropy();

    public override ValidationMetric CreateMetric() => new AccuracyMetric();

    public override TargetWriter CreateTargetWriter(DataViewRow row, DataViewSchema.Column label)
    {
        var getter = row.GetGetter<uint>(label);
        uint key = 0;
        return (targets, rowIndex) =>
        {
            getter(ref key);
            if (key == 0 || key > Units)
                throw new InvalidOperationException($"Label column '{label.Name}' has a missing or unknown key at row {rowIndex}; every row needs one of its {Units} classes.");
            // One-hot: t = e_{key−1}
            targets.Clear();
            targets[(int)key - 1] = 1f;
        };
    }

    // Score = softmax(z) over the classes; PredictedLabel = argmax z (0-based, first of equal maxima, int64).
    public override IReadOnlyList<OnnxHeadOutput> AddOnnxOutputs(OnnxGraphBuilder graph, string logits) =>
    [
        new(ColumnNames.Score, graph.AddNode("Softmax", "probabilities", [logits], OnnxAttributes.Int("axis", -1)), TensorProto.Types.DataType.Float, [Units], _slotNames),
        new(ColumnNames.PredictedLabel, graph.AddNode("ArgMax", "class_index", [logits], OnnxAttributes.Int("axis", -1), OnnxAttributes.Int("keepdims", 1)),
            TensorProto.Types.DataType.Int64, [1]),
    ];

    public override IEstimator<ITransformer> CreateColumnAdapters(MLContext mlContext) =>
        mlContext.Transforms.CustomMapping(new ClassIndexMapping().GetMapping(), ClassIndexMapping.ContractName)
            .Append(ClassKeyMapping.Create(mlContext, ColumnNames.PredictedLabel, Units, _columns[1].Annotations));

    public override Delegate CreateGetter(int index, ScoredRow row) => index switch
    {
        0 => (ValueGetter<VBuffer<float>>)((ref VBuffer<float> value) =>
        {
            // Score = softmax(logits)
            var editor = VBufferEditor.Create(ref value, Units);
            // TensorPrimitives.SoftMax does not subtract the maximum; MLExt's Softmax does, so large logits stay finite.
            ProbabilityFunction.Forward(row.Ensure(), editor.Values, Units);
            value = editor.Commit();
        }),
        1 => (ValueGetter<uint>)((ref uint value) => value = (uint)TensorPrimitives.IndexOfMax(row.Ensure()) + 1),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };
}
