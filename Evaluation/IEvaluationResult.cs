using MLExt.Evaluation.Metrics;

namespace MLExt.Evaluation;

/// <summary>What every evaluation has: its task, its scalar metrics and its warnings.</summary>
public interface IEvaluationResult
{
    /// <summary>The task evaluated.</summary>
    EvaluationTask Task { get; }

    /// <summary>Every scalar metric, in a fixed order, with reasons for the undefined ones.</summary>
    IReadOnlyList<MetricValue> Metrics { get; }

    /// <summary>What was left out or could not be computed, in words.</summary>
    IReadOnlyList<string> Warnings { get; }
}
