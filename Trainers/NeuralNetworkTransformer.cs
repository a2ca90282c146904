using MLExt.Neural;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExt.Trainers;

/// <summary>
/// A trained MLExt network as an ML.NET transformer. It reads the feature column (or, for a model graph, the column
/// bound to each graph input) and adds ML.NET's
/// standard prediction columns for its task (multiclass: <c>Score</c>, <c>PredictedLabel</c>;
/// binary: <c>Score</c>, <c>Probability</c>, <c>PredictedLabel</c>; regression: <c>Score</c>), so
/// ML.NET's evaluators, cross-validation and <c>PredictionEngine</c> work on its output.
/// </summary>
public sealed class NeuralNetworkTransformer : ITransformer
{
    private readonly InferenceRunner _runner;
    private readonly Network? _network;

    internal NeuralNetworkTransformer(Network network, PredictionHead head, string featureColumnName, TrainingHistory history)
        : this(network.Graph, [new ColumnBinding(Network.InputName, featureColumnName, network.InputShape, FromGraph: false)], 0, head, history) =>
        _network = network;

    internal NeuralNetworkTransformer(ModelGraph graph, ColumnBinding[] bindings, int output, PredictionHead head, TrainingHistory history)
    {
        Graph = graph;
        Bindings = bindings;
        OutputIndex = output;
        Head = head;
        History = history;
        _runner = new InferenceRunner(graph, output);
    }

    /// <summary>The trained network: its layers and their parameters.</summary>
    /// <exception cref="InvalidOperationException">The model was trained from <see cref="NeuralNetworkOptions.Graph"/>;
    /// read <see cref="Graph"/>.</exception>
    public Network Network => _network ?? throw new InvalidOperationException(
        "This model was trained from a model graph (NeuralNetworkOptions.Graph), not a chain of layers; read its Graph.");

    /// <summary>The trained model graph (for a chain of layers, the <see cref="Network"/>'s graph).</summary>
    public ModelGraph Graph { get; }

    /// <summary>Graph input name → the column it reads (for a chain of layers, its one input and the feature column).</summary>
    public IReadOnlyDictionary<string, string> InputColumns => Bindings.ToDictionary(b => b.Input, b => b.Column);

    /// <summary>The graph output the task's columns are computed from.</summary>
    public string OutputName => Graph.Outputs[OutputIndex].Name;

    /// <summary>The per-epoch training record.</summary>
    public TrainingHistory History { get; }

    /// <summary>The feature column read (for a model graph, the column of its first input).</summary>
    public string FeatureColumnName => Bindings[0].Column;

    /// <summary>The columns read, in the order of the graph's inputs.</summary>
    internal ColumnBinding[] Bindings { get; }

    /// <summary>The index of the trained output among the graph's outputs.</summary>
    internal int OutputIndex { get; }

    /// <summary>Whether the model was trained from a user's graph (ONNX inputs are then named after the columns).</summary>
    internal bool IsGraph => _network is null;

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
    /// <c>[N, ...features]</c> (for a model graph, one input per graph input, named after its column); outputs per task — multiclass <c>Score</c> <c>[N, classes]</c> (softmax
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
