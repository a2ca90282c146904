using Microsoft.ML;
using Microsoft.ML.Data;
using MLExt.Evaluation.Metrics;

namespace MLExt.Cli.Training;

/// <summary>Test metrics from ML.NET's own evaluators (macro F1 from MLExt.Evaluation) for each task.</summary>
internal static class TaskMetrics
{
    /// <summary>
    /// Evaluates scored rows: multiclass micro/macro accuracy, log loss, macro F1; binary accuracy, AUC, F1, log loss;
    /// regression RMSE, MAE, R².
    /// </summary>
    public static IReadOnlyList<Metric> Evaluate(MLContext mlContext, TaskKind task, IDataView scored, string label) => task switch
    {
        TaskKind.Multiclass => Multiclass(mlContext, scored, label),
        TaskKind.Binary => Binary(mlContext, scored, label),
        _ => Regression(mlContext, scored, label),
    };

    /// <summary>Micro accuracy, macro accuracy, log loss and macro F1 of multiclass predictions.</summary>
    public static IReadOnlyList<Metric> Multiclass(MLContext mlContext, IDataView scored, string label)
    {
        var m = mlContext.MulticlassClassification.Evaluate(scored, label);
        return
        [
            new("accuracy (micro)", "microAccuracy", m.MicroAccuracy),
            new("accuracy (macro)", "macroAccuracy", m.MacroAccuracy),
            new("log loss (nats)", "logLossNats", m.LogLoss),
            new("macro F1", "macroF1", ConfusionMatrixMetrics.MacroF1(m.ConfusionMatrix)),
        ];
    }

    private static IReadOnlyList<Metric> Binary(MLContext mlContext, IDataView scored, string label)
    {
        CalibratedBinaryClassificationMetrics m;
        try
        {
            m = mlContext.BinaryClassification.Evaluate(scored, label);
        }
        catch (ArgumentOutOfRangeException e) when (e.Message.StartsWith("AUC is not defined", StringComparison.Ordinal))
        {
            throw new UserException("the test rows hold only one of the two classes, so AUC is undefined; use more rows or a larger --test-fraction");
        }
        return
        [
            new("accuracy", "accuracy", m.Accuracy),
            new("AUC", "auc", m.AreaUnderRocCurve),
            new("F1", "f1", m.F1Score),
            new("log loss (bits)", "logLossBits", m.LogLoss),
        ];
    }

    private static IReadOnlyList<Metric> Regression(MLContext mlContext, IDataView scored, string label)
    {
        var m = mlContext.Regression.Evaluate(scored, label);
        return
        [
            new("RMSE", "rmse", m.RootMeanSquaredError),
            new("MAE", "mae", m.MeanAbsoluteError),
            new("R²", "rSquared", m.RSquared),
        ];
    }
}
