using System.Globalization;

namespace MLExt.Cli.Training;

/// <summary>
/// The network settings <c>mlext train</c> and <c>mlext cv</c> use when an option is not given, for regression and
/// classification alike. Chosen by measurement (5-fold cross-validation on data sets of 534 to 2,000 rows; the figures
/// and the command that reproduces them are in the README, "Regression out of the box"). Declared here only.
/// </summary>
internal static class TabularDefaults
{
    /// <summary>Hidden layer widths (ReLU).</summary>
    public const string Layers = "64,32";

    /// <summary>Adam's learning rate.</summary>
    public const float LearningRate = 3e-3f;

    /// <summary>Most epochs; early stopping usually ends training well before.</summary>
    public const int Epochs = 200;

    /// <summary>Early-stopping patience in epochs, on the validation loss; the best weights are kept.</summary>
    public const int Patience = 20;

    /// <summary>Fraction of the training rows held out for early stopping.</summary>
    public const float ValidationFraction = 0.1f;

    /// <summary>L2 penalty (weight decay) on the weights.</summary>
    public const float L2 = 1e-2f;

    /// <summary>Dropout after each hidden layer.</summary>
    public const float Dropout = 0.1f;

    /// <summary>The batch size is the training rows divided by this, within <see cref="MinimumBatch"/>–<see cref="MaximumBatch"/>.</summary>
    public const int RowsPerBatchStep = 32;

    /// <summary>Bounds of the batch size chosen from the row count.</summary>
    public const int MinimumBatch = 16, MaximumBatch = 256;

    /// <summary>The default batch size for <paramref name="trainingRows"/> rows: about 32 steps per epoch, 16 to 256 rows each.</summary>
    public static int BatchSize(long trainingRows) => (int)Math.Clamp(trainingRows / RowsPerBatchStep, MinimumBatch, MaximumBatch);

    /// <summary>How the batch size default reads in the CLI's output.</summary>
    public static string DescribeBatch(long trainingRows) => string.Create(CultureInfo.InvariantCulture,
        $"batch {BatchSize(trainingRows)} (training rows/{RowsPerBatchStep}, within {MinimumBatch}–{MaximumBatch})");
}
