using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace MLExt.Trainers;

/// <summary>
/// Built-in ML.NET transforms turning a 0-based class index (UInt32) into the training label's key type:
/// <c>MapValue</c> from index to the label's key value, then <c>MapValueToKey</c> with the key values, in
/// order, as its key data, so that key i+1 has the i-th key value of the same type as the label's.
/// </summary>
internal static class ClassKeyMapping
{
    private static readonly MethodInfo WithKeyValuesMethod =
        typeof(ClassKeyMapping).GetMethod(nameof(WithKeyValues), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>The transforms for column <paramref name="column"/>, in place.</summary>
    public static IEstimator<ITransformer> Create(MLContext ml, string column, int classCount, DataViewSchema.Annotations? labelAnnotations)
    {
        var keyValues = labelAnnotations?.Schema.GetColumnOrNull(AnnotationNames.KeyValues);
        if (keyValues is { Type: VectorDataViewType { Size: var size } vector } && size == classCount)
            return (IEstimator<ITransformer>)WithKeyValuesMethod.MakeGenericMethod(vector.ItemType.RawType)
                .Invoke(null, [ml, column, labelAnnotations!, keyValues.Value])!;
        // A label key without key values: keys 1..k, for which ML.NET itself lists the key values "1".."k".
        var pairs = Enumerable.Range(0, classCount).Select(i => new KeyValuePair<uint, uint>((uint)i, (uint)i + 1));
        return ml.Transforms.Conversion.MapValue(column, pairs, column, treatValuesAsKeyType: true);
    }

    private static IEstimator<ITransformer> WithKeyValues<T>(MLContext ml, string column, DataViewSchema.Annotations annotations, DataViewSchema.Column keyValues)
    {
        VBuffer<T> buffer = default;
        annotations.GetValue(keyValues.Name, ref buffer);
        var values = buffer.DenseValues().ToArray();
        var definition = SchemaDefinition.Create(typeof(KeyValueRow<T>));
        definition[0].ColumnType = ((VectorDataViewType)keyValues.Type).ItemType;
        var keyData = ml.Data.LoadFromEnumerable(values.Select(v => new KeyValueRow<T> { Value = v }).ToList(), definition);
        return ml.Transforms.Conversion.MapValue(column, values.Select((v, i) => new KeyValuePair<uint, T>((uint)i, v)), column)
            .Append(ml.Transforms.Conversion.MapValueToKey(column, column, keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByOccurrence, keyData: keyData));
    }

    private sealed class KeyValueRow<T>
    {
        public T Value { get; set; } = default!;
    }
}
