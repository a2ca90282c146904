using MLExt.Evaluation.Data;
using MLExt.Evaluation.Metrics;
using Microsoft.ML;

namespace MLExt.Evaluation.Regression;

/// <summary>Evaluates a regression model from any scored <see cref="IDataView"/> (or from arrays).</summary>
/// <remarks>
/// As ML.NET's <c>Regression.Evaluate</c>: rows with a missing label or a NaN prediction are left out;
/// MSE = mean (y − ŷ)², RMSE = √MSE, MAE = mean |y − ŷ|, R² = 1 − SSE/SST with NaN for constant labels.
/// Sums here are in double with a two-pass mean; ML.NET squares labels in single precision, so R² may differ
/// from ML.NET's in the 7th significant digit when labels are large relative to their spread.
/// Also: median absolute error and explained variance 1 − Var(y − ŷ)/Var(y) (population variances).
/// </remarks>
public static class RegressionEvaluator
{
    /// <summary>Evaluates the scored <paramref name="data"/>.</summary>
    /// <exception cref="ArgumentException">A column is missing or not a number.</exception>
    public static RegressionEvaluation Evaluate(IDataView data, RegressionEvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= new RegressionEvaluationOptions();
        options.Validate();
        var warnings = new List<string>();
        return Evaluate(Read(data, options, warnings), warnings);
    }

    /// <summary>Evaluates predictions given as arrays.</summary>
    /// <exception cref="ArgumentException">The arrays differ in length or hold NaN.</exception>
    public static RegressionEvaluation Evaluate(RegressionPredictions predictions)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        if (predictions.Labels.Length != predictions.Scores.Length)
            throw new ArgumentException($"There are {predictions.Labels.Length} labels but {predictions.Scores.Length} predictions.", nameof(predictions));
        for (int i = 0; i < predictions.Count; i++)
            if (double.IsNaN(predictions.Labels[i]) || double.IsNaN(predictions.Scores[i]))
                throw new ArgumentException($"Row {i} has a NaN label or prediction; leave such rows out.", nameof(predictions));
        return Evaluate(predictions, []);
    }

    private static RegressionEvaluation Evaluate(RegressionPredictions predictions, List<string> warnings)
    {
        int n = predictions.Count;
        var list = new MetricList();
        if (n == 0)
        {
            foreach (var name in AllNames)
                list.Explain(name, "There are no rows to evaluate.");
            foreach (var name in AllNames)
                list.Add(name, double.NaN, IsHigherBetter(name));
            return new RegressionEvaluation(predictions, list.ToList(), warnings.ToArray());
        }

        double labelMean = predictions.Labels.Average();
        double residualMean = 0;
        var absolute = new double[n];
        double sse = 0, sst = 0, sae = 0;
        for (int i = 0; i < n; i++)
        {
            double r = predictions.Residual(i);
            residualMean += r;
            sse += r * r;
            sae += Math.Abs(r);
            absolute[i] = Math.Abs(r);
            double d = predictions.Labels[i] - labelMean;
            sst += d * d;
        }
        residualMean /= n;
        double residualVariance = 0;
        for (int i = 0; i < n; i++)
        {
            double d = predictions.Residual(i) - residualMean;
            residualVariance += d * d;
        }
        Array.Sort(absolute);
        double median = n % 2 == 1 ? absolute[n / 2] : (absolute[n / 2 - 1] + absolute[n / 2]) / 2;
        if (sst == 0)
        {
            const string constant = "Undefined: every label has the same value, so the label variance is 0.";
            list.Explain(MetricNames.RSquared, constant);
            list.Explain(MetricNames.ExplainedVariance, constant);
        }

        list.Add(MetricNames.MeanSquaredError, sse / n, false);
        list.Add(MetricNames.RootMeanSquaredError, Math.Sqrt(sse / n), false);
        list.Add(MetricNames.MeanAbsoluteError, sae / n, false);
        list.Add(MetricNames.MedianAbsoluteError, median, false);
        list.Add(MetricNames.RSquared, sst == 0 ? double.NaN : 1 - sse / sst, true);
        list.Add(MetricNames.ExplainedVariance, sst == 0 ? double.NaN : 1 - residualVariance / sst, true);
        return new RegressionEvaluation(predictions, list.ToList(), warnings.ToArray());
    }

    private static readonly string[] AllNames =
    [
        MetricNames.MeanSquaredError, MetricNames.RootMeanSquaredError, MetricNames.MeanAbsoluteError,
        MetricNames.MedianAbsoluteError, MetricNames.RSquared, MetricNames.ExplainedVariance,
    ];

    private static bool IsHigherBetter(string name) => name is MetricNames.RSquared or MetricNames.ExplainedVariance;

    private static RegressionPredictions Read(IDataView data, RegressionEvaluationOptions options, List<string> warnings)
    {
        var labelColumn = ColumnReader.Require(data.Schema, options.LabelColumnName, "label");
        var scoreColumn = ColumnReader.Require(data.Schema, options.ScoreColumnName, "score");
        var labels = new List<double>();
        var scores = new List<double>();
        long unlabeled = 0, badScores = 0;
        using (var cursor = data.GetRowCursor(new[] { labelColumn, scoreColumn }))
        {
            var label = ColumnReader.ScalarGetter(cursor, labelColumn, "label");
            var score = ColumnReader.ScalarGetter(cursor, scoreColumn, "score");
            double l = 0, s = 0;
            while (cursor.MoveNext())
            {
                label(ref l);
                score(ref s);
                if (double.IsNaN(l))
                    unlabeled++;
                else if (double.IsNaN(s))
                    badScores++;
                else
                {
                    labels.Add(l);
                    scores.Add(s);
                }
            }
        }
        if (unlabeled > 0)
            warnings.Add($"{unlabeled} row(s) with a missing label in '{labelColumn.Name}' were left out.");
        if (badScores > 0)
            warnings.Add($"{badScores} row(s) with a NaN prediction in '{scoreColumn.Name}' were left out.");
        return new RegressionPredictions(labels.ToArray(), scores.ToArray());
    }
}
