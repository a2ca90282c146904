namespace MLExt.Cli.Demo;

/// <summary>The demo's options, validated.</summary>
/// <param name="Epochs">Most epochs for the MLP.</param>
/// <param name="BatchSize">The MLP's batch size.</param>
/// <param name="LearningRate">The MLP's Adam learning rate.</param>
/// <param name="Seed">Seed of the MLP (initialisation, shuffling, dropout, validation split) and of the ML.NET trainers.</param>
/// <param name="CvFolds">Folds of the cross-validated comparison; 0 skips it.</param>
/// <param name="CvRows">Training digits the cross-validation uses.</param>
/// <param name="ReportDirectory">Where the cross-validation report is written.</param>
internal sealed record DemoSettings(int Epochs, int BatchSize, float LearningRate, int Seed,
    int CvFolds = 3, int CvRows = 2000, string ReportDirectory = "mlext-demo-report");
