using MLExt.Evaluation.Metrics;

namespace MLExt.Evaluation.Regression;

/// <summary>Everything measured about a regression model on one set of scored rows.</summary>
public sealed class RegressionEvaluation : IEvaluationResult
{
    /// <inheritdoc/>
    public EvaluationTask Task => EvaluationTask.Regression;

    internal RegressionEvaluation(RegressionPredictions predictions, IReadOnlyList<MetricValue> metrics, IReadOnlyList<string> warnings)
    {
        Predictions = predictions;
        Metrics = metrics;
        Warnings = warnings;
    }

    /// <summary>The rows evaluated; residuals are label − prediction.</summary>
    public RegressionPredictions Predictions { get; }

    /// <summary>Mean squared error (ML.NET's MeanSquaredError).</summary>
    public double MeanSquaredError => Value(MetricNames.MeanSquaredError);

    /// <summary>Root mean squared error.</summary>
    public double RootMeanSquaredError => Value(MetricNames.RootMeanSquaredError);

    /// <summary>Mean absolute error.</summary>
    public double MeanAbsoluteError => Value(MetricNames.MeanAbsoluteError);

    /// <summary>Median absolute error.</summary>
    public double MedianAbsoluteError => Value(MetricNames.MedianAbsoluteError);

    /// <summary>Coefficient of determination 1 − SSE/SST; NaN when the labels are constant (as ML.NET).</summary>
    public double RSquared => Value(MetricNames.RSquared);

    /// <summary>Explained variance 1 − Var(residual)/Var(label); NaN when the labels are constant.</summary>
    public double ExplainedVariance => Value(MetricNames.ExplainedVariance);

    /// <summary>Every scalar metric, in a fixed order, with reasons for the undefined ones.</summary>
    public IReadOnlyList<MetricValue> Metrics { get; }

    /// <summary>What was left out or could not be computed, in words.</summary>
    public IReadOnlyList<string> Warnings { get; }

    private double Value(string name) => Metrics.First(m => m.Name == name).Value;
}
