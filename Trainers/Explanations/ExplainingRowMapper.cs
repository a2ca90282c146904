using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExt.Trainers;

/// <summary>Row-to-row form of <see cref="ExplainPredictionsTransformer"/> (what <c>PredictionEngine</c> uses): the
/// model's mapper, then the attribution columns.</summary>
internal sealed class ExplainingRowMapper : IRowToRowMapper
{
    private readonly IRowToRowMapper _model;
    private readonly AttributionMapper _attribution;

    public ExplainingRowMapper(IRowToRowMapper model, AttributionMapper attribution)
    {
        _model = model;
        _attribution = attribution;
    }

    public DataViewSchema InputSchema => _model.InputSchema;

    public DataViewSchema OutputSchema => _attribution.OutputSchema;

    public IEnumerable<DataViewSchema.Column> GetDependencies(IEnumerable<DataViewSchema.Column> dependingColumns) =>
        _model.GetDependencies(_attribution.GetDependencies(dependingColumns));

    public DataViewRow GetRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns)
    {
        var active = activeColumns.ToArray();
        var scored = _model.GetRow(input, _attribution.GetDependencies(active));
        return new ScoredRowView(scored, _attribution, active.Select(c => c.Index));
    }
}
