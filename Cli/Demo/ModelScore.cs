namespace MLExt.Cli.Demo;

/// <summary>One row of the demo's comparison: a model's test figures and its training time.</summary>
/// <param name="Model">The model's name.</param>
/// <param name="Accuracy">Micro accuracy on the test split.</param>
/// <param name="MacroF1">Mean per-class F1 on the test split.</param>
/// <param name="LogLossNats">Multiclass log loss on the test split, in nats (−ln p, ML.NET's multiclass convention).</param>
/// <param name="FitSeconds">Wall-clock seconds of <c>Fit</c>.</param>
internal sealed record ModelScore(string Model, double Accuracy, double MacroF1, double LogLossNats, double FitSeconds);
