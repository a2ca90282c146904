using MLExt.Neural;

namespace MLExt.Cli.Generative;

/// <summary>
/// Receives the training loop's reports (synchronously, on the training thread) and, after each epoch, estimates the
/// test negative ELBO and prints the epoch's line.
/// </summary>
internal sealed class VaeEpochs(VariationalAutoencoder vae, float[] testImages, Action<string> line) : IProgress<TrainingProgress>
{
    /// <summary>One finished epoch: training −ELBO (mean over batches), test −ELBO with its parts, seconds since the start.</summary>
    public sealed record Row(int Epoch, double TrainNegativeElbo, double TestNegativeElbo, double TestReconstruction, double TestKl, double Seconds);

    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

    /// <summary>The finished epochs.</summary>
    public List<Row> Rows { get; } = [];

    /// <inheritdoc/>
    public void Report(TrainingProgress value)
    {
        if (!value.EpochCompleted) return;
        var (elbo, reconstruction, kl) = vae.Evaluate(testImages);
        var row = new Row(value.Epoch, value.TrainingLoss, elbo, reconstruction, kl, _clock.Elapsed.TotalSeconds);
        Rows.Add(row);
        line($"epoch {row.Epoch,3}/{value.NumberOfEpochs}  train −ELBO {row.TrainNegativeElbo,8:F2}  test −ELBO {row.TestNegativeElbo,8:F2} " +
            $"(reconstruction {row.TestReconstruction:F2} + KL {row.TestKl:F2}) nats/image  {row.Seconds,6:F0} s");
    }
}
