using MLExt.Evaluation.Binary;
using MLExt.Evaluation.Metrics;

namespace MLExt.Evaluation.Multiclass;

/// <summary>Everything measured about a multiclass classifier on one set of scored rows.</summary>
public sealed class MulticlassEvaluation : IEvaluationResult
{
    /// <inheritdoc/>
    public EvaluationTask Task => EvaluationTask.MulticlassClassification;

    internal MulticlassEvaluation(MulticlassPredictions predictions, MulticlassConfusionMatrix confusion, IReadOnlyList<ClassReport> classes,
        IReadOnlyList<RocCurve> rocCurves, IReadOnlyList<double> topKAccuracy, double logLoss, double logLossReduction,
        IReadOnlyList<MetricValue> metrics, IReadOnlyList<string> warnings)
    {
        Predictions = predictions;
        ConfusionMatrix = confusion;
        Classes = classes;
        RocCurves = rocCurves;
        TopKAccuracy = topKAccuracy;
        LogLoss = logLoss;
        LogLossReduction = logLossReduction;
        Metrics = metrics;
        Warnings = warnings;
    }

    /// <summary>The rows evaluated.</summary>
    public MulticlassPredictions Predictions { get; }

    /// <summary>Counts by actual and predicted class (the prediction is the first class of highest score).</summary>
    public MulticlassConfusionMatrix ConfusionMatrix { get; }

    /// <summary>Per-class precision, recall, F1, support, one-vs-rest AUC and log loss.</summary>
    public IReadOnlyList<ClassReport> Classes { get; }

    /// <summary>One-vs-rest ROC curve of each class's score.</summary>
    public IReadOnlyList<RocCurve> RocCurves { get; }

    /// <summary><c>TopKAccuracy[k − 1]</c>: the fraction of rows whose class is among the k highest scores (ties by class order, as ML.NET).</summary>
    public IReadOnlyList<double> TopKAccuracy { get; }

    /// <summary>Fraction of rows predicted correctly (ML.NET's MicroAccuracy).</summary>
    public double MicroAccuracy => Value(MetricNames.MicroAccuracy);

    /// <summary>Mean recall over the classes that occur (ML.NET's MacroAccuracy).</summary>
    public double MacroAccuracy => Value(MetricNames.MacroAccuracy);

    /// <summary>Macro-averaged F1 over the classes that occur as label or prediction.</summary>
    public double MacroF1 => Value(MetricNames.MacroF1);

    /// <summary>Mean log loss in nats, −ln p(label), p clipped to [1e-15, 1], as ML.NET (reported as <c>LogLossNats</c>).</summary>
    public double LogLoss { get; }

    /// <summary>(H(prior) − log loss) / H(prior), natural logarithms, as ML.NET.</summary>
    public double LogLossReduction { get; }

    /// <summary>Every scalar metric, in a fixed order, with reasons for the undefined ones.</summary>
    public IReadOnlyList<MetricValue> Metrics { get; }

    /// <summary>What was left out or could not be computed, in words.</summary>
    public IReadOnlyList<string> Warnings { get; }

    private double Value(string name) => Metrics.First(m => m.Name == name).Value;
}
