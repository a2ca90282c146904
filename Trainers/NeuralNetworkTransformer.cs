using MLExt.Neural;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExt.Trainers;

/// <summary>
/// A trained MLExt network as an ML.NET transformer. It reads the feature column and adds ML.NET's
/// standard prediction columns for its task (multiclass: <c>Score</c>, <c>PredictedLabel</c>;
/// binary: <c>Score</c>, <c>Probability</c>, <c>PredictedLabel</c>; regression: <c>Score</c>), so
/// ML.NET's evaluators, cross-validation and <c>PredictionEngine</c> work on its output.
/// </summary>
public sealed class NeuralNetworkTransformer : ITransformer
{
    private readonly InferenceRunner _runner;

    internal NeuralNetworkTransformer(Network network, PredictionHead head, string featureColumnName, TrainingHistory history)
    {
        Network = network;
        Head = head;
        FeatureColumnName = featureColumnName;
        History = history;
        _runner = new InferenceRunner(network);
    }

    /// <summary>The trained network: its layers and their parameters.</summary>
    public Network Network { get; }

    /// <summary>The per-epoch training record.</summary>
    public TrainingHistory History { get; }

    /// <summary>The feature column read.</summary>
    public string FeatureColumnName { get; }

    /// <summary>The task: <c>multiclass</c>, <c>binary</c> or <c>regression</c>.</summary>
    public string Task => Head.Task;

    /// <summary>
    /// Regression: the map from the network's output to the label's units, fitted on the training rows and applied
    /// to every <c>Score</c> (also in the saved model and the ONNX export); null for classification.
    /// </summary>
    public TargetScaling? LabelScaling => Head is RegressionHead regression ? regression.Scaling : null;

    internal PredictionHead Head { get; }

    /// <inheritdoc/>
    public bool IsRowToRowMapper => true;

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The feature column is missing or not a float vector of the trained size.</exception>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => new ScoringMapper(this, inputSchema).OutputSchema;

    /// <inheritdoc/>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => new ScoringMapper(this, inputSchema);

    /// <inheritdoc/>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new ScoredDataView(input, new ScoringMapper(this, input.Schema));
    }

    /// <summary>
    /// Writes the model for <c>mlContext.Model.Save</c> as ML.NET built-ins only: an <c>OnnxTransformer</c>
    /// holding the network as an ONNX graph, then stateless adapters restoring this transformer's output
    /// columns exactly. Load it with <c>mlContext.Model.Load</c> after <see cref="MLExtRegistration.RegisterMLExt"/>;
    /// the loaded model scores like this one (to float rounding) without running MLExt's engine.
    /// </summary>
    /// <remarks>
    /// <c>mlContext.Model.Save(model, schema, filePath)</c> creates the file before this runs, so a network with
    /// a layer that has no ONNX form (only possible with a user-defined layer) leaves an incomplete file there;
    /// <see cref="ExportOnnx"/> fails the same way without writing anything and can be used to check first.
    /// </remarks>
    /// <exception cref="NotSupportedException">A layer of the network has no ONNX form; the message names it.</exception>
    void ICanSaveModel.Save(ModelSaveContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        using var saved = SavedModel.Build(this);
        ((ICanSaveModel)saved.Chain).Save(ctx);
    }

    /// <summary>
    /// Writes the trained model as a standard ONNX file (opset 17): input named after the feature column,
    /// <c>[N, ...features]</c>; outputs per task — multiclass <c>Score</c> <c>[N, classes]</c> (softmax
    /// probabilities) and <c>PredictedLabel</c> <c>[N, 1]</c> (int64, the 0-based index of the predicted
    /// class; class names in the metadata entry <c>mlext.slot_names.Score</c>); binary <c>Score</c> (logit)
    /// and <c>Probability</c>, <c>[N, 1]</c>; regression <c>Score</c> <c>[N, 1]</c>, in the label's units (the graph
    /// ends with the <see cref="LabelScaling"/> map).
    /// </summary>
    /// <exception cref="NotSupportedException">A layer has no ONNX form; the message names it and nothing is written.</exception>
    public void ExportOnnx(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var model = ModelOnnxExporter.Standalone(this);
        Google.Protobuf.MessageExtensions.WriteTo(model, stream);
    }

    internal InferenceRunner Runner => _runner;
}
