using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExt.Tests.Trainers;

/// <summary>
/// Checks every ML.NET estimator of MLExt must pass: the schema it promises matches the one it
/// delivers, a missing feature column fails with a message naming it, row-by-row mapping (what
/// PredictionEngine uses) agrees with batch Transform, and the same seed gives the same model.
/// </summary>
public static class EstimatorConformance
{
    public static void Check<TTransformer>(Func<IEstimator<TTransformer>> create, IDataView train, string[] outputColumns)
        where TTransformer : class, ITransformer
    {
        var estimator = create();
        var promised = estimator.GetOutputSchema(ShapeOf(train.Schema));
        var model = estimator.Fit(train);
        var scored = model.Transform(train);
        foreach (var name in outputColumns)
        {
            var actual = scored.Schema[name];
            var shape = promised.Single(c => c.Name == name);
            Assert.Equal((actual.Type is VectorDataViewType v ? v.ItemType : actual.Type).RawType, shape.ItemType.RawType);
            Assert.Equal(actual.Type is VectorDataViewType, shape.Kind != SchemaShape.Column.VectorKind.Scalar);
            Assert.Equal(actual.Type is KeyDataViewType, shape.IsKey);
        }

        // Same seed, same model: identical scores from two fits.
        var again = create().Fit(train).Transform(train);
        Assert.Equal(ScoresOf(scored), ScoresOf(again));

        // Row-to-row mapping agrees with Transform.
        var mapper = model.GetRowToRowMapper(train.Schema);
        var scoreColumn = mapper.OutputSchema["Score"];
        var batchScores = ScoresOf(scored);
        using var cursor = train.GetRowCursor(mapper.GetDependencies([scoreColumn]));
        using var row = mapper.GetRow(cursor, [scoreColumn]);
        var rowScores = new List<float>();
        var read = ScoreReader(row, scoreColumn);
        while (cursor.MoveNext()) rowScores.AddRange(read());
        Assert.Equal(batchScores, rowScores);

        // A missing feature column is named in the error.
        var noFeatures = new MLContext(0).Transforms.DropColumns("Features").Fit(train).Transform(train);
        var error = Assert.ThrowsAny<ArgumentException>(() => create().Fit(noFeatures));
        Assert.Contains("'Features'", error.Message);
        Assert.ThrowsAny<ArgumentException>(() => model.Transform(noFeatures));
    }

    /// <summary>All values of the Score column, flattened.</summary>
    public static List<float> ScoresOf(IDataView scored)
    {
        var column = scored.Schema["Score"];
        using var cursor = scored.GetRowCursor([column]);
        var read = ScoreReader(cursor, column);
        var values = new List<float>();
        while (cursor.MoveNext()) values.AddRange(read());
        return values;
    }

    private static Func<float[]> ScoreReader(DataViewRow row, DataViewSchema.Column column)
    {
        if (column.Type is VectorDataViewType)
        {
            var getter = row.GetGetter<VBuffer<float>>(column);
            VBuffer<float> buffer = default;
            return () => { getter(ref buffer); return buffer.DenseValues().ToArray(); };
        }
        var scalar = row.GetGetter<float>(column);
        float value = 0;
        return () => { scalar(ref value); return [value]; };
    }

    /// <summary>The <see cref="SchemaShape"/> of a schema (ML.NET's factory for it is internal).</summary>
    public static SchemaShape ShapeOf(DataViewSchema schema) =>
        (SchemaShape)typeof(SchemaShape).GetMethod("Create", BindingFlags.NonPublic | BindingFlags.Static)!.Invoke(null, [schema])!;
}
