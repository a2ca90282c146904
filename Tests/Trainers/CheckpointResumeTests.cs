using MLExt.Neural;
using MLExt.Trainers;
using Microsoft.ML;

namespace MLExt.Tests.Trainers;

public sealed class CheckpointResumeTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mlext-trainer-ckpt-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private sealed class CancelAfter(int epoch, CancellationTokenSource source) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            if (value.EpochCompleted && value.Epoch == epoch) source.Cancel();
        }
    }

    private static void Options(NeuralNetworkMulticlassTrainer.Options options)
    {
        options.Layers = [Layer.Dense(16, Activation.Relu), Layer.Dropout(0.2f)];
        options.NumberOfEpochs = 5;
        options.ValidationFraction = 0.2f;
    }

    [Fact]
    public void AnInterruptedFitResumesToTheSameModel()
    {
        var ml = new MLContext(seed: 1);
        var data = SyntheticData.Multiclass(ml, 240, 1);
        var expected = TrainerFactory.Multiclass(ml, Options).Fit(data).Network.GetWeights();

        string path = Path.Combine(_directory, "fit.ckpt");
        using var cancel = new CancellationTokenSource();
        Assert.Throws<OperationCanceledException>(() => TrainerFactory.Multiclass(ml, o =>
        {
            Options(o);
            o.CheckpointPath = path;
            o.CancellationToken = cancel.Token;
            o.Progress = new CancelAfter(2, cancel);
        }).Fit(data));
        Assert.Equal(2, TrainingCheckpoint.Load(path).EpochsCompleted);

        var resumed = TrainerFactory.Multiclass(ml, o =>
        {
            Options(o);
            o.CheckpointPath = path;
            o.ResumeFromCheckpoint = true;
        }).Fit(data);
        Assert.Equal(5, resumed.History.Epochs.Count);
        var actual = resumed.Network.GetWeights();
        for (int i = 0; i < expected.Length; i++) Assert.True(expected[i].AsSpan().SequenceEqual(actual[i]), $"Weights {i} differ.");
        Assert.Equal(5, TrainingCheckpoint.Load(path).EpochsCompleted);
    }

    [Fact]
    public void ResumingNeedsACheckpointPath()
    {
        var ml = new MLContext(seed: 1);
        var e = Assert.Throws<ArgumentException>(() => TrainerFactory.Multiclass(ml, o => o.ResumeFromCheckpoint = true).Fit(SyntheticData.Multiclass(ml, 30, 1)));
        Assert.Equal(nameof(NeuralNetworkOptions.CheckpointPath), e.ParamName);
    }
}
