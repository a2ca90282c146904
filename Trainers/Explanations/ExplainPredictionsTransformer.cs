using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExt.Trainers;

/// <summary>
/// A fitted model with explanations: <see cref="Transform"/> scores the rows with the model and appends, per row, the
/// attribution of the explained output to every feature slot (<see cref="ExplainPredictionsOptions.OutputColumnName"/>)
/// and to every input column the slots came from (<see cref="ExplainPredictionsOptions.ColumnAttributionColumnName"/>).
/// Attributions are computed lazily, row by row, as a cursor reads them.
/// </summary>
public sealed class ExplainPredictionsTransformer : ITransformer
{
    private readonly ITransformer _model;
    private readonly ExplainPredictionsOptions _options;

    internal ExplainPredictionsTransformer(ITransformer model, SavedNetwork network, ExplainPredictionsOptions options)
    {
        _model = model;
        Network = network;
        _options = options;
    }

    /// <summary>The explained network.</summary>
    public SavedNetwork Network { get; }

    /// <summary>Where each feature slot of <paramref name="inputSchema"/>'s rows comes from.</summary>
    public FeatureSources SourcesOf(DataViewSchema inputSchema) => Mapper(inputSchema).Sources;

    /// <summary>The attributions of one row of features as the network reads them (the feature column's values).</summary>
    public float[] Explain(float[] features)
    {
        ArgumentNullException.ThrowIfNull(features);
        return new AttributionMapper(_options, Network, EmptySchema(), EmptySchema()).Attribute(features);
    }

    /// <inheritdoc/>
    public bool IsRowToRowMapper => _model.IsRowToRowMapper;

    /// <inheritdoc/>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => Mapper(inputSchema).OutputSchema;

    /// <inheritdoc/>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) =>
        new ExplainingRowMapper(_model.GetRowToRowMapper(inputSchema), Mapper(inputSchema));

    /// <inheritdoc/>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var scored = _model.Transform(input);
        return new ScoredDataView(scored, new AttributionMapper(_options, Network, input.Schema, scored.Schema));
    }

    /// <summary>Explanations are not saved: save the model, and explain the loaded one with
    /// <see cref="SavedNetwork.FromModelFile"/>.</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    void ICanSaveModel.Save(ModelSaveContext ctx) =>
        throw new NotSupportedException("ExplainPredictions is not saved: save the model itself, and explain the loaded " +
            "model with ExplainPredictionsOptions.Network = SavedNetwork.FromModelFile(path).");

    private AttributionMapper Mapper(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        return new AttributionMapper(_options, Network, inputSchema, _model.GetOutputSchema(inputSchema));
    }

    private DataViewSchema EmptySchema()
    {
        var builder = new DataViewSchema.Builder();
        builder.AddColumn(Network.FeatureColumnName,
            new Microsoft.ML.Data.VectorDataViewType(Microsoft.ML.Data.NumberDataViewType.Single, Neural.Tensor.Product(Network.Network.InputShape)));
        return builder.ToSchema();
    }
}
