using Microsoft.ML;
using MLExt.Neural;

namespace MLExt.Cli.Training;

/// <summary>What training a network on a user's file achieved.</summary>
/// <param name="Metrics">Test-set metrics.</param>
/// <param name="History">Per-epoch training record.</param>
/// <param name="FitSeconds">Wall-clock seconds of <c>Fit</c> (featurisation and training).</param>
/// <param name="Model">The fitted pipeline: featurisation, label conversion and the network.</param>
internal sealed record TabularResult(IReadOnlyList<Metric> Metrics, TrainingHistory History, double FitSeconds, ITransformer Model);
