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
    /// Not yet supported: a trained network cannot be written into an ML.NET model zip until
    /// MLExt's ONNX-based persistence exists.
    /// </summary>
    /// <exception cref="NotSupportedException">Always, with that explanation.</exception>
    void ICanSaveModel.Save(ModelSaveContext ctx) =>
        throw new NotSupportedException(
            "Saving an MLExt neural network with mlContext.Model.Save is not supported yet: MLExt will store it as an ONNX graph inside the zip. Until then keep the trained transformer in memory.");

    internal InferenceRunner Runner => _runner;
}
