using System.Globalization;
using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExt.LoadCheck;

/// <summary>What a scored data view shows a user: its visible columns with types and annotations, the prediction values, and ML.NET's metrics.</summary>
public sealed class ScoredReport
{
    private static readonly string[] PredictionColumns = ["Score", "Probability", "PredictedLabel"];

    public List<ColumnReport> Columns { get; set; } = [];

    /// <summary>Prediction column → its values, row by row, flattened (keys as numbers, Booleans as 0/1).</summary>
    public Dictionary<string, List<double>> Values { get; set; } = [];

    public Dictionary<string, double> Metrics { get; set; } = [];

    public static ScoredReport Create(MLContext ml, IDataView scored, string task)
    {
        var report = new ScoredReport();
        foreach (var column in scored.Schema.Where(c => !c.IsHidden))
            report.Columns.Add(ColumnReport.Describe(column));
        foreach (var name in PredictionColumns)
            if (scored.Schema.GetColumnOrNull(name) is { } column)
                report.Values[name] = ReadValues(scored, column);
        report.Metrics = task switch
        {
            "multiclass" => Multiclass(ml.MulticlassClassification.Evaluate(scored)),
            "binary" => Binary(ml.BinaryClassification.Evaluate(scored)),
            "regression" => Regression(ml.Regression.Evaluate(scored)),
            _ => throw new ArgumentException($"Unknown task '{task}'; expected multiclass, binary or regression."),
        };
        return report;
    }

    private static Dictionary<string, double> Multiclass(MulticlassClassificationMetrics m) => new()
    {
        ["MicroAccuracy"] = m.MicroAccuracy, ["MacroAccuracy"] = m.MacroAccuracy, ["LogLoss"] = m.LogLoss, ["LogLossReduction"] = m.LogLossReduction,
    };

    private static Dictionary<string, double> Binary(CalibratedBinaryClassificationMetrics m) => new()
    {
        ["Accuracy"] = m.Accuracy, ["AreaUnderRocCurve"] = m.AreaUnderRocCurve, ["F1Score"] = m.F1Score, ["LogLoss"] = m.LogLoss,
        ["AreaUnderPrecisionRecallCurve"] = m.AreaUnderPrecisionRecallCurve,
    };

    private static Dictionary<string, double> Regression(RegressionMetrics m) => new()
    {
        ["MeanAbsoluteError"] = m.MeanAbsoluteError, ["RootMeanSquaredError"] = m.RootMeanSquaredError, ["RSquared"] = m.RSquared,
    };

    private static List<double> ReadValues(IDataView data, DataViewSchema.Column column)
    {
        var method = typeof(ScoredReport).GetMethod(nameof(Read), BindingFlags.NonPublic | BindingFlags.Static)!;
        var raw = column.Type is VectorDataViewType vector ? vector.ItemType.RawType : column.Type.RawType;
        return (List<double>)method.MakeGenericMethod(raw).Invoke(null, [data, column])!;
    }

    private static List<double> Read<T>(IDataView data, DataViewSchema.Column column)
    {
        var values = new List<double>();
        using var cursor = data.GetRowCursor([column]);
        if (column.Type is VectorDataViewType)
        {
            var getter = cursor.GetGetter<VBuffer<T>>(column);
            VBuffer<T> buffer = default;
            while (cursor.MoveNext())
            {
                getter(ref buffer);
                values.AddRange(buffer.DenseValues().Select(ToDouble));
            }
        }
        else
        {
            var getter = cursor.GetGetter<T>(column);
            T value = default!;
            while (cursor.MoveNext())
            {
                getter(ref value);
                values.Add(ToDouble(value));
            }
        }
        return values;
    }

    private static double ToDouble<T>(T value) => value switch
    {
        bool b => b ? 1 : 0,
        IConvertible c => c.ToDouble(CultureInfo.InvariantCulture),
        _ => throw new InvalidOperationException($"Cannot report a value of type {typeof(T).Name}."),
    };
}
