using MLExt.Neural;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExt.Trainers;

/// <summary>
/// Appends the attribution columns to the scored rows: per feature slot and per source column, for the row's
/// explained output. A row is explained once for both columns; calls are serialised (layers keep buffers).
/// </summary>
internal sealed class AttributionMapper : IAppendingMapper
{
    private readonly ExplainPredictionsOptions _options;
    private readonly InputAttribution _attribution;
    private readonly FeatureSources _sources;
    private readonly DataViewSchema.Column _feature;
    private readonly object _gate = new();

    public AttributionMapper(ExplainPredictionsOptions options, SavedNetwork network, DataViewSchema source, DataViewSchema scored)
    {
        _options = options;
        _attribution = new InputAttribution(network.Network);
        InputSchema = scored;
        _feature = scored.GetColumnOrNull(network.FeatureColumnName) is { IsHidden: false } column
            && column.Type is VectorDataViewType { ItemType: NumberDataViewType n } v && n == NumberDataViewType.Single
            && v.Size == _attribution.InputSize
                ? column
                : throw new ArgumentException($"The model's output has no feature column '{network.FeatureColumnName}' of " +
                    $"{_attribution.InputSize} floats for the network to read.", nameof(scored));
        _sources = FeatureSources.Of(source, _feature);
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(scored);
        builder.AddColumn(options.OutputColumnName, new VectorDataViewType(NumberDataViewType.Single, _attribution.InputSize),
            SlotNames(_sources.SlotNames));
        builder.AddColumn(options.ColumnAttributionColumnName, new VectorDataViewType(NumberDataViewType.Single, _sources.Columns.Count),
            SlotNames(_sources.Columns));
        OutputSchema = builder.ToSchema();
    }

    public DataViewSchema InputSchema { get; }

    public DataViewSchema OutputSchema { get; }

    public FeatureSources Sources => _sources;

    public bool IsComputed(int index) => index >= InputSchema.Count;

    public IEnumerable<DataViewSchema.Column> GetDependencies(IEnumerable<DataViewSchema.Column> dependingColumns)
    {
        var needed = new HashSet<int>();
        foreach (var column in dependingColumns) needed.Add(IsComputed(column.Index) ? _feature.Index : column.Index);
        return needed.Order().Select(i => InputSchema[i]);
    }

    public Delegate[] CreateGetters(DataViewRow input)
    {
        var features = input.GetGetter<VBuffer<float>>(_feature);
        VBuffer<float> buffer = default;
        long explained = -1;
        float[] slots = [], columns = [];
        void Explain()
        {
            if (explained == input.Position) return;
            features(ref buffer);
            var values = new float[_attribution.InputSize];
            buffer.CopyTo(values);
            lock (_gate) slots = Attribute(values);
            columns = _sources.Sum(slots);
            explained = input.Position;
        }
        ValueGetter<VBuffer<float>> perSlot = (ref VBuffer<float> value) => { Explain(); Write(slots, ref value); };
        ValueGetter<VBuffer<float>> perColumn = (ref VBuffer<float> value) => { Explain(); Write(columns, ref value); };
        return [perSlot, perColumn];
    }

    /// <summary>The attributions of one feature row.</summary>
    public float[] Attribute(float[] row)
    {
        int target = _options.Target ?? ArgMax(_attribution.Predict(row));
        var settings = _options.Attribution;
        return _options.Method switch
        {
            AttributionMethod.Saliency => _attribution.Saliency(row, target),
            AttributionMethod.GradientTimesInput => _attribution.GradientTimesInput(row, target),
            AttributionMethod.SmoothGrad => _attribution.SmoothGrad(row, target, settings),
            AttributionMethod.Occlusion => _attribution.Occlusion(row, target, settings, _options.Baseline),
            _ => _attribution.IntegratedGradients(row, target, _options.Baseline, settings).Attributions,
        };
    }

    private static int ArgMax(float[] values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++) if (values[i] > values[best]) best = i;
        return best;
    }

    private static void Write(float[] values, ref VBuffer<float> destination)
    {
        var editor = VBufferEditor.Create(ref destination, values.Length);
        values.CopyTo(editor.Values);
        destination = editor.Commit();
    }

    private static DataViewSchema.Annotations SlotNames(IReadOnlyList<string> names)
    {
        var builder = new DataViewSchema.Annotations.Builder();
        ValueGetter<VBuffer<ReadOnlyMemory<char>>> getter = (ref VBuffer<ReadOnlyMemory<char>> value) =>
            value = new VBuffer<ReadOnlyMemory<char>>(names.Count, names.Select(n => n.AsMemory()).ToArray());
        builder.Add("SlotNames", new VectorDataViewType(TextDataViewType.Instance, names.Count), getter);
        return builder.ToAnnotations();
    }
}
