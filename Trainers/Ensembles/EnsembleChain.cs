using MLExt.IO;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExt.Trainers.Ensembles;

/// <summary>
/// Builds an ensemble as a chain of the fitted members and ML.NET built-ins, so that it saves and loads through ML.NET's
/// public API. Every member reads the input columns as given: the columns a member replaces (a pipeline normalising
/// <c>Features</c> in place) are restored from a copy taken first, and the columns it adds are dropped once its combined
/// output is copied to a column of its own; the members' outputs are then concatenated into one vector,
/// <see cref="InputsColumn"/>, which the combining stage reads.
/// </summary>
internal sealed class EnsembleChain
{
    /// <summary>The vector of all members' combined outputs, member after member.</summary>
    public const string InputsColumn = "__ensemble_inputs";

    private const string BackupPrefix = "__ensemble_input_";
    private readonly List<ITransformer> _transformers = [];
    private readonly DataViewSchema _input;
    private readonly string[] _backedUp;
    private IDataView _view;

    private EnsembleChain(IDataView data, IEnumerable<string> backedUp)
    {
        Context = new MLContext(seed: 0) { TempFilePath = PrivateTempFolder.Path };
        _input = data.Schema;
        _view = data;
        _backedUp = backedUp.Distinct().ToArray();
        if (_backedUp.Length > 0)
            Add(Copies(_backedUp.Select(n => (BackupPrefix + n, n))));
    }

    /// <summary>The context the chain's built-ins are made with.</summary>
    public MLContext Context { get; }

    /// <summary>The data as transformed so far (lazily).</summary>
    public IDataView View => _view;

    /// <summary>
    /// The members' stage over <paramref name="data"/>: each member, its column <paramref name="combined"/> picks copied
    /// (converted to Single) to a column of its own, then all of them concatenated into <see cref="InputsColumn"/>.
    /// </summary>
    /// <param name="data">The data the chain is built on (lazily transformed; only cheap schema-only estimators are fitted on it).</param>
    /// <param name="members">The fitted members.</param>
    /// <param name="combined">Member index and its output schema to the name of the column combined.</param>
    public static EnsembleChain Members(IDataView data, IReadOnlyList<ITransformer> members, Func<int, DataViewSchema, string> combined)
    {
        var chain = new EnsembleChain(data, Visible(data.Schema));
        var outputs = new string[members.Count];
        for (int i = 0; i < members.Count; i++)
        {
            var before = chain._view.Schema;
            chain.Append(members[i]);
            outputs[i] = $"__ensemble_member{i + 1}";
            chain.Add(chain.Context.Transforms.Conversion.ConvertType(outputs[i], combined(i, chain._view.Schema), DataKind.Single));
            chain.Tidy(before, keep: outputs[..(i + 1)]);
        }
        chain.Add(chain.Context.Transforms.Concatenate(InputsColumn, outputs));
        return chain;
    }

    /// <summary>Fits a cheap schema-only estimator on the data so far and appends it.</summary>
    public void Add(IEstimator<ITransformer> estimator) => Append(estimator.Fit(_view));

    /// <summary>Appends a fitted transformer.</summary>
    public void Append(ITransformer transformer)
    {
        _transformers.Add(transformer);
        _view = transformer.Transform(_view);
    }

    /// <summary>
    /// The finished chain: the input columns restored, every column added since the input dropped except
    /// <paramref name="outputs"/>.
    /// </summary>
    public TransformerChain<ITransformer> Finish(IReadOnlyCollection<string> outputs)
    {
        var restore = _backedUp.Where(n => !outputs.Contains(n)).ToArray();
        if (restore.Length > 0)
            Add(Copies(restore.Select(n => (n, BackupPrefix + n))));
        var added = Visible(_view.Schema).Where(n => _input.GetColumnOrNull(n) is null && !outputs.Contains(n)).ToArray();
        if (added.Length > 0)
            Add(Context.Transforms.DropColumns(added));
        return new TransformerChain<ITransformer>([.. _transformers]);
    }

    // After a member: every input column restored from its copy (a member may have replaced it in place, as a pipeline
    // normalising Features does; ML.NET's schemas do not say reliably which), and the columns it added dropped.
    private void Tidy(DataViewSchema before, string[] keep)
    {
        Add(Copies(_backedUp.Select(n => (n, BackupPrefix + n))));
        var added = Visible(_view.Schema).Where(n => before.GetColumnOrNull(n) is null && !keep.Contains(n)).ToArray();
        if (added.Length > 0)
            Add(Context.Transforms.DropColumns(added));
    }

    private IEstimator<ITransformer> Copies(IEnumerable<(string Output, string Input)> pairs) =>
        pairs.Aggregate(new EstimatorChain<ITransformer>(), (chain, pair) => chain.Append<ITransformer>(Context.Transforms.CopyColumns(pair.Output, pair.Input)));

    private static IEnumerable<string> Visible(DataViewSchema schema) => schema.Where(c => !c.IsHidden).Select(c => c.Name);
}
