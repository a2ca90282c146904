using MLExt.Evaluation;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExt.Trainers.Ensembles;

/// <summary>
/// A fitted voting or stacking ensemble. It reads what its members read and adds ML.NET's standard prediction columns for
/// its task (binary: <c>Score</c> a logit, <c>Probability</c>, <c>PredictedLabel</c>; multiclass: <c>Score</c>
/// probabilities with slot names, <c>PredictedLabel</c> the label's key; regression: <c>Score</c>), so ML.NET's evaluators,
/// cross-validation and <c>PredictionEngine</c> work on it. It is a chain of the fitted members and ML.NET built-ins, which is
/// also what <c>mlContext.Model.Save</c> writes: the zip loads with <c>mlContext.Model.Load</c> after
/// <see cref="MLExtRegistration.RegisterMLExt"/> (needed only for the same stateless adapters as a saved MLExt network).
/// Dispose it to close the voting graph's ONNX Runtime session and delete its temporary copy.
/// </summary>
public sealed class EnsembleTransformer : ITransformer, IDisposable
{
    private readonly TransformerChain<ITransformer> _chain;
    private readonly string? _graphFile;

    internal EnsembleTransformer(EvaluationTask task, string method, IReadOnlyList<ITransformer> members, IReadOnlyList<string> memberNames,
        IReadOnlyList<float>? weights, ITransformer? metaModel, TransformerChain<ITransformer> chain, string? graphFile)
    {
        Task = task;
        Method = method;
        Members = members;
        MemberNames = memberNames;
        Weights = weights;
        MetaModel = metaModel;
        _chain = chain;
        _graphFile = graphFile;
    }

    /// <summary>The task.</summary>
    public EvaluationTask Task { get; }

    /// <summary>How the members are combined: <c>soft voting</c>, <c>hard voting</c>, <c>averaging</c> or <c>stacking</c>.</summary>
    public string Method { get; }

    /// <summary>The members, each fitted on all the training rows.</summary>
    public IReadOnlyList<ITransformer> Members { get; }

    /// <summary>The members' names, as in messages.</summary>
    public IReadOnlyList<string> MemberNames { get; }

    /// <summary>The voting weights (summing to 1), or null for stacking.</summary>
    public IReadOnlyList<float>? Weights { get; }

    /// <summary>Stacking: the meta-learner's model, trained on the members' out-of-fold predictions; null for voting.</summary>
    public ITransformer? MetaModel { get; }

    /// <inheritdoc/>
    public bool IsRowToRowMapper => ((ITransformer)_chain).IsRowToRowMapper;

    /// <inheritdoc/>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => _chain.GetOutputSchema(inputSchema);

    /// <inheritdoc/>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => ((ITransformer)_chain).GetRowToRowMapper(inputSchema);

    /// <inheritdoc/>
    public IDataView Transform(IDataView input) => _chain.Transform(input);

    /// <summary>Writes the chain of the members and ML.NET built-ins (see the class remarks).</summary>
    void ICanSaveModel.Save(ModelSaveContext ctx) => ((ICanSaveModel)_chain).Save(ctx);

    /// <inheritdoc/>
    public void Dispose()
    {
        _chain.Dispose();
        if (_graphFile is not null) File.Delete(_graphFile);
    }
}
