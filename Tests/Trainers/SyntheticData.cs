using MLExt.Neural;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExt.Tests.Trainers;

/// <summary>Seeded, learnable data sets for trainer tests: Gaussian blobs around fixed centres.</summary>
public static class SyntheticData
{
    public const int FeatureCount = 4;

    public sealed class Row
    {
        [VectorType(FeatureCount)]
        public float[] Features { get; set; } = [];

        /// <summary>Class name "a", "b" or "c".</summary>
        public string Class { get; set; } = "";

        /// <summary>Whether the class is "a".</summary>
        public bool IsA { get; set; }

        /// <summary>A smooth function of the features plus a little noise.</summary>
        public float Value { get; set; }
    }

    /// <summary><paramref name="count"/> rows; class c's centre is 2.5 along axis c.</summary>
    public static List<Row> Rows(int count, int seed)
    {
        var random = new RandomSource(seed);
        var rows = new List<Row>(count);
        string[] names = ["a", "b", "c"];
        for (int i = 0; i < count; i++)
        {
            int c = i % 3;
            var x = new float[FeatureCount];
            for (int j = 0; j < FeatureCount; j++) x[j] = random.NextGaussian() * 0.8f + (j == c ? 2.5f : 0f);
            rows.Add(new Row
            {
                Features = x,
                Class = names[c],
                IsA = c == 0,
                Value = 2f * x[0] - x[1] + 0.5f * x[2] * x[3] + 0.05f * random.NextGaussian(),
            });
        }
        return rows;
    }

    public static IDataView Load(MLContext ml, int count, int seed) => ml.Data.LoadFromEnumerable(Rows(count, seed));

    /// <summary>The data with a key-typed <c>Label</c> from <c>Class</c>.</summary>
    public static IDataView Multiclass(MLContext ml, int count, int seed)
    {
        var data = Load(ml, count, seed);
        return ml.Transforms.Conversion.MapValueToKey("Label", nameof(Row.Class)).Fit(data).Transform(data);
    }

    /// <summary>The data with a Boolean <c>Label</c> from <c>IsA</c>.</summary>
    public static IDataView Binary(MLContext ml, int count, int seed) =>
        ml.Transforms.CopyColumns("Label", nameof(Row.IsA)).Fit(Load(ml, count, seed)).Transform(Load(ml, count, seed));

    /// <summary>The data with a Single <c>Label</c> from <c>Value</c>.</summary>
    public static IDataView Regression(MLContext ml, int count, int seed) =>
        ml.Transforms.CopyColumns("Label", nameof(Row.Value)).Fit(Load(ml, count, seed)).Transform(Load(ml, count, seed));
}
