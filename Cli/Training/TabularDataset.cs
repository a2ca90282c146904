using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using MLExt.Cli.Data;
using MLExt.Cli.Text;

namespace MLExt.Cli.Training;

/// <summary>
/// A user's CSV/TSV file resolved for one task: the label, the feature columns and their kinds,
/// and the ML.NET loader and featurisation that turn it into <c>Label</c> and <c>Features</c>.
/// Numeric columns are read as floats, text columns one-hot encoded; the concatenated features are standardised
/// (mean 0, variance 1). Missing and unreadable numbers (empty, <c>NA</c>, text, <c>inf</c>, <c>1e39</c>) are replaced by
/// the training mean of their column inside the fitted pipeline, so a saved model does the same when it scores.
/// </summary>
internal sealed class TabularDataset
{
    /// <summary>The label column ML.NET sees.</summary>
    public const string LabelColumn = "Label";

    /// <summary>The feature vector column ML.NET sees.</summary>
    public const string FeaturesColumn = "Features";

    /// <summary>The token ids of the text column beside the feature columns (<c>--text</c> with <c>--features</c>).</summary>
    public const string TokensColumn = "Tokens";

    /// <summary>The vector of the numeric features, before their missing values are replaced.</summary>
    private const string NumericColumn = "Features.numeric";

    /// <summary>ML.NET expression mapping infinities to missing (NaN): the loader reads <c>Infinity</c> and <c>1e39</c> as ±∞.</summary>
    private const string FiniteOrMissing = "x => abs(x) <= 3.4028235e38 ? x : na(x)";

    private TabularDataset(DelimitedFile file, TaskKind task, ColumnProfile label, IReadOnlyList<ColumnProfile> features, BinaryLabel? binary, TextFeature? text = null)
    {
        Text = text;
        File = file;
        Task = task;
        Label = label;
        Features = features;
        Binary = binary;
    }

    /// <summary>The profiled file.</summary>
    public DelimitedFile File { get; }

    /// <summary>The task.</summary>
    public TaskKind Task { get; }

    /// <summary>The label column.</summary>
    public ColumnProfile Label { get; }

    /// <summary>The feature columns, in file order.</summary>
    public IReadOnlyList<ColumnProfile> Features { get; }

    /// <summary>The classes of a binary label, null for other tasks.</summary>
    public BinaryLabel? Binary { get; }

    /// <summary>The text column learnt from (<c>--text</c>), the only feature unless <see cref="TextFeature.WithFeatures"/>, or null.</summary>
    public TextFeature? Text { get; }

    /// <summary>
    /// Resolves a text classification or regression: <paramref name="text"/>'s column is the only feature, featurised as
    /// it says (a bag of words or token ids, never standardised); with <see cref="TextFeature.WithFeatures"/>, the
    /// <paramref name="featureNames"/> columns too, featurised as tabular features into their own column.
    /// </summary>
    public static TabularDataset ResolveText(DelimitedFile file, string labelName, TaskKind task, TextFeature text, IReadOnlyList<string> featureNames)
    {
        var resolved = Resolve(file, labelName, text.WithFeatures ? featureNames : [], task);
        var column = file.Find(text.Column)
            ?? throw new UserException($"--text: no column '{text.Column}' in {file.Path} (columns: {file.ColumnNames})");
        if (column == resolved.Label)
            throw new UserException($"--text: '{column.Name}' is the label column (--label) and cannot also be the text");
        if (column.Values == 0 || column.IsNumeric)
            throw new UserException($"--text: column '{column.Name}' {(column.Values == 0 ? "holds no values" : "holds only numbers")}; it must hold text");
        if (!text.WithFeatures) return new TabularDataset(file, task, resolved.Label, [column], resolved.Binary, text);
        if (resolved.Features.Contains(column))
            throw new UserException($"--features: '{column.Name}' is the --text column; list only the other columns (the text enters the model as token ids)");
        return new TabularDataset(file, task, resolved.Label, [.. resolved.Features.Append(column).OrderBy(c => c.Index)], resolved.Binary, text);
    }

    /// <summary>The columns featurised as tabular features: every feature but a <c>--text</c> column.</summary>
    public IEnumerable<ColumnProfile> TabularFeatures => Text is null ? Features : Features.Where(f => f.Name != Text.Column);

    /// <summary>
    /// Resolves <paramref name="labelName"/> and <paramref name="featureNames"/> (empty: every other column with values)
    /// against <paramref name="file"/>; every mismatch becomes a <see cref="UserException"/> naming the option and column.
    /// </summary>
    public static TabularDataset Resolve(DelimitedFile file, string labelName, IReadOnlyList<string> featureNames, TaskKind task)
    {
        var label = file.Find(labelName)
            ?? throw new UserException($"--label: no column '{labelName}' in {file.Path} (columns: {file.ColumnNames})");
        if (label.Missing > 0)
            throw new UserException($"--label: column '{label.Name}' is empty on {label.Missing} row(s), first on line {label.FirstMissingLine}; fill or remove those rows");
        if (task == TaskKind.Regression && !label.IsCleanNumeric)
            throw new UserException($"--label: column '{label.Name}' must hold finite numbers for regression, but line {label.FirstNonNumericLine} holds " +
                $"'{label.FirstNonNumeric}'{(label.BadCells > 1 ? $" ({label.BadCells} such rows)" : "")}; fix or remove those rows");
        if (task == TaskKind.Multiclass && (label.Distinct.Count < 2 || label.TooManyDistinct))
            throw new UserException($"--label: a multiclass task needs 2 to {ColumnProfile.MaxDistinct} distinct values in column '{label.Name}', found {(label.TooManyDistinct ? "more" : label.Distinct.Count)}");
        var binary = task == TaskKind.Binary ? BinaryLabel.From(label) : null;
        return new TabularDataset(file, task, label, ResolveFeatures(file, label, featureNames), binary);
    }

    /// <summary>A TextLoader reading the label and the feature columns with their inferred kinds, and any <paramref name="extraColumns"/>.</summary>
    public IDataView Load(MLContext mlContext, IEnumerable<TextLoader.Column>? extraColumns = null)
    {
        var columns = new List<TextLoader.Column>
        {
            new(LabelColumn, Task == TaskKind.Binary || !Label.IsCleanNumeric ? DataKind.String : DataKind.Single, Label.Index),
        };
        columns.AddRange(Features.Select(f => new TextLoader.Column(LoaderName(f), f.IsNumeric ? DataKind.Single : DataKind.String, f.Index)));
        columns.AddRange(extraColumns ?? []);
        var loader = mlContext.Data.CreateTextLoader(new TextLoader.Options
        {
            Separators = [File.Separator],
            HasHeader = true,
            AllowQuoting = true,
            ReadMultilines = true,
            MissingRealsAsNaNs = true,
            Columns = [.. columns],
        });
        return loader.Load(File.Path);
    }

    /// <summary>Featurisation and label conversion: the estimator to put before the trainer.</summary>
    public IEstimator<ITransformer> Featurize(MLContext mlContext)
    {
        IEstimator<ITransformer> pipeline = new EstimatorChain<ITransformer>();
        if (Text is { WithFeatures: false })
            return WithLabel(mlContext, pipeline.Append(Text.Featurize(mlContext, FeaturesColumn, LoaderName(Features[0]))));
        if (Text is not null)
            pipeline = pipeline.Append(Text.Featurize(mlContext, TokensColumn, LoaderName(Features.Single(f => f.Name == Text.Column))));
        var tabular = TabularFeatures.ToList();
        var numeric = tabular.Where(f => f.IsNumeric).Select(LoaderName).ToArray();
        var parts = new List<string>();
        if (numeric.Length > 0)
        {
            // Every numeric column, with or without gaps in this file: a file scored later may have them.
            pipeline = pipeline.Append(mlContext.Transforms.Concatenate(NumericColumn, numeric))
                .Append(mlContext.Transforms.Expression(NumericColumn, FiniteOrMissing, NumericColumn))
                .Append(mlContext.Transforms.ReplaceMissingValues(NumericColumn, replacementMode: MissingValueReplacingEstimator.ReplacementMode.Mean));
            parts.Add(NumericColumn);
        }
        var text = tabular.Where(f => !f.IsNumeric).Select(f => new InputOutputColumnPair(LoaderName(f))).ToArray();
        if (text.Length > 0)
            pipeline = pipeline.Append(mlContext.Transforms.Categorical.OneHotEncoding(text));
        parts.AddRange(text.Select(t => t.OutputColumnName));
        pipeline = pipeline
            .Append(mlContext.Transforms.Concatenate(FeaturesColumn, [.. parts]))
            .Append(mlContext.Transforms.NormalizeMeanVariance(FeaturesColumn, fixZero: false));
        return WithLabel(mlContext, pipeline);
    }

    private IEstimator<ITransformer> WithLabel(MLContext mlContext, IEstimator<ITransformer> pipeline)
    {
        return Task switch
        {
            TaskKind.Binary => pipeline.Append(mlContext.Transforms.Conversion.MapValue(LabelColumn, Binary!.Map, LabelColumn)),
            TaskKind.Multiclass => pipeline.Append(mlContext.Transforms.Conversion.MapValueToKey(LabelColumn, keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue)),
            _ => pipeline,
        };
    }

    /// <summary>
    /// The kind of each feature as shown to the user: <c>numeric</c> (with what becomes of its empty and bad cells), or
    /// <c>text, N values</c> (with the first value that made it text when most of the column is numbers).
    /// </summary>
    public static string Describe(ColumnProfile feature)
    {
        if (feature.IsNumeric)
            return feature.MissingSummary is { Length: > 0 } summary ? $"numeric; {summary}, replaced by the column mean" : "numeric";
        string kind = $"text, {(feature.TooManyDistinct ? "> " : "")}{feature.Distinct.Count} values, one-hot";
        return feature.BadCells < feature.Values ? $"{kind}; {feature.BadCells} of {feature.Values} values are not numbers, " +
            $"first on line {feature.FirstNonNumericLine}: '{feature.FirstNonNumeric}'" : kind;
    }

    /// <summary>
    /// What was decided about the feature columns whose cells are not all clean numbers or all text, one line each
    /// (<c>column 'x': numeric; 1 not a number …</c>), for the commands that do not list every feature.
    /// </summary>
    public IEnumerable<string> Notes() => Features
        .Where(f => f.IsNumeric ? f.Missing + f.BadCells > 0 : f.BadCells < f.Values)
        .Select(f => $"column '{f.Name}': {Describe(f)}");

    // Loader columns keep the header's names, except the names the pipeline itself produces.
    private static string LoaderName(ColumnProfile feature) =>
        feature.Name is LabelColumn or FeaturesColumn or NumericColumn or TokensColumn ? $"{feature.Name}.input" : feature.Name;

    private static List<ColumnProfile> ResolveFeatures(DelimitedFile file, ColumnProfile label, IReadOnlyList<string> names)
    {
        if (names.Count == 0)
        {
            var all = file.Columns.Where(c => c != label && c.Values > 0).ToList();
            return all.Count > 0 ? all
                : throw new UserException($"{file.Path}: no feature columns; every column besides the label '{label.Name}' is empty");
        }
        var features = new List<ColumnProfile>();
        foreach (string name in names)
        {
            var column = file.Find(name)
                ?? throw new UserException($"--features: no column '{name}' in {file.Path} (columns: {file.ColumnNames})");
            if (column == label)
                throw new UserException($"--features: '{column.Name}' is the label column (--label) and cannot also be a feature");
            if (column.Values == 0)
                throw new UserException($"--features: column '{column.Name}' holds no values");
            if (!features.Contains(column))
                features.Add(column);
        }
        return features.OrderBy(c => c.Index).ToList();
    }
}
