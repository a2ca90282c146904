using MLExt.Neural;
using MLExt.Neural.Onnx;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExt.Trainers;

/// <summary>
/// What turns a network into a task: the output layer's width, the loss and validation metric used
/// to train it, how labels become targets, and which ML.NET columns a row's outputs become.
/// </summary>
internal abstract class PredictionHead
{
    /// <summary>Output units of the network (classes, or 1).</summary>
    public abstract int Units { get; }

    /// <summary>Task name for messages: <c>multiclass</c>, <c>binary</c>, <c>regression</c>.</summary>
    public abstract string Task { get; }

    /// <summary>The training loss, applied to the network's raw outputs.</summary>
    public abstract Loss CreateLoss();

    /// <summary>The per-epoch validation metric.</summary>
    public abstract ValidationMetric CreateMetric();

    /// <summary>
    /// Called once the training rows (and validation rows, if any) are read, before training: a head that trains
    /// on transformed targets fits the transform on the training targets and rewrites both arrays in
    /// place, and reports through <paramref name="warn"/> what the user should know. The default does nothing.
    /// </summary>
    /// <exception cref="ArgumentException">The labels cannot be used (the message names the column and what was found).</exception>
    public virtual void PrepareTargets(float[] training, float[]? validation, Action<string> warn) { }

    /// <summary>
    /// A function writing the targets of the cursor's current row into a span of <see cref="Units"/>
    /// values; it throws <see cref="InvalidOperationException"/> naming the column and row for a bad label.
    /// </summary>
    public abstract TargetWriter CreateTargetWriter(DataViewRow row, DataViewSchema.Column label);

    /// <summary>The columns the transformer adds, in order.</summary>
    public abstract IReadOnlyList<OutputColumn> OutputColumns { get; }

    /// <summary>A <see cref="ValueGetter{TValue}"/> for output column <paramref name="index"/> reading <paramref name="row"/>'s outputs.</summary>
    public abstract Delegate CreateGetter(int index, ScoredRow row);

    /// <summary>
    /// Adds the head's outputs to an ONNX graph after the network's raw outputs <paramref name="logits"/>
    /// (<c>[N, Units]</c>): the numbers behind <see cref="OutputColumns"/>, named like them.
    /// </summary>
    public abstract IReadOnlyList<OnnxHeadOutput> AddOnnxOutputs(OnnxGraphBuilder graph, string logits);

    /// <summary>
    /// The stateless transforms (ML.NET built-ins and MLExt's <c>CustomMapping</c> adapters) that turn
    /// OnnxTransformer's vector columns from <see cref="AddOnnxOutputs"/> into <see cref="OutputColumns"/> exactly.
    /// </summary>
    public abstract IEstimator<ITransformer> CreateColumnAdapters(MLContext mlContext);

    /// <summary>Writes the targets of the current row.</summary>
    public delegate void TargetWriter(Span<float> targets, long rowIndex);

    /// <summary>A column the transformer adds.</summary>
    public sealed record OutputColumn(string Name, DataViewType Type, DataViewSchema.Annotations? Annotations = null);

    /// <summary>Throws the standard error for a label column of the wrong type.</summary>
    protected static ArgumentException WrongLabelType(DataViewSchema.Column label, string expected) =>
        new($"Label column '{label.Name}' has type {label.Type}; the {expected}.", "labelColumnName");
}
