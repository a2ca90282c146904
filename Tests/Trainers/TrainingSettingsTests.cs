using MLExt.Neural;
using MLExt.Trainers;
using Microsoft.ML;

namespace MLExt.Tests.Trainers;

/// <summary>One settings type, one set of defaults, one checker naming the user's option.</summary>
public sealed class TrainingSettingsTests
{
    [Fact]
    public void OptionsAndCatalogsTakeTheirDefaultsFromTrainingDefaults()
    {
        var options = new NeuralNetworkBinaryTrainer.Options();
        Assert.Equal(TrainingDefaults.NumberOfEpochs, options.NumberOfEpochs);
        Assert.Equal(TrainingDefaults.BatchSize, options.BatchSize);
        Assert.Equal(TrainingDefaults.LearningRate, Assert.IsType<AdamOptimizer>(options.Optimizer).LearningRate);
        Assert.Equal(options.NumberOfEpochs, new TrainingOptions().NumberOfEpochs);

        var trainer = new MLContext(seed: 1).Regression.Trainers.NeuralNetwork();
        Assert.Equal(TrainingDefaults.LearningRate, trainer.TrainerOptions.Optimizer.LearningRate);
        Assert.Equal(TrainingDefaults.BatchSize, trainer.TrainerOptions.BatchSize);
        var hidden = Assert.IsType<Dense>(Assert.Single(trainer.TrainerOptions.Layers));
        Assert.Equal(TrainingDefaults.HiddenLayerWidth, hidden.Units);
    }

    [Theory]
    [InlineData("NumberOfEpochs", "--epochs", "--epochs must be at least 1.")]
    [InlineData("LearningRate", "--learning-rate", "--learning-rate must be a positive number.")]
    [InlineData("ValidationFraction", "--validation-fraction", "--validation-fraction must be at least 0 and below 1.")]
    public void ValidateNamesTheOptionAsTheUserWroteIt(string property, string userName, string message)
    {
        var options = new NeuralNetworkMulticlassTrainer.Options();
        switch (property)
        {
            case "NumberOfEpochs": options.NumberOfEpochs = 0; break;
            case "LearningRate": options.Optimizer = new AdamOptimizer { LearningRate = 0f }; break;
            case "ValidationFraction": options.ValidationFraction = 1f; break;
        }
        var fromCommandLine = Assert.Throws<SettingOutOfRangeException>(() => options.Validate(p => p == property ? userName : null));
        Assert.Equal((userName, userName), (fromCommandLine.Setting, fromCommandLine.ParamName));
        Assert.StartsWith(message, fromCommandLine.Message);

        var fromCSharp = Assert.ThrowsAny<ArgumentOutOfRangeException>(() => options.Validate());
        Assert.Equal(property, fromCSharp.ParamName);
    }

    [Fact]
    public void CopySettingsToCopiesEverySharedSetting()
    {
        using var cancellation = new CancellationTokenSource();
        var progress = new Progress<TrainingProgress>();
        var options = new NeuralNetworkRegressionTrainer.Options
        {
            NumberOfEpochs = 3, BatchSize = 5, Optimizer = new SgdOptimizer(), L1Regularization = 0.1f, L2Regularization = 0.2f,
            GradientClipNorm = 2f, GradientClipValue = 1f, EarlyStopping = new EarlyStopping(), Shuffle = false, Progress = progress,
            CancellationToken = cancellation.Token, CheckpointPath = "run.ckpt",
        };
        var copy = new TrainingOptions();
        options.CopySettingsTo(copy);

        Assert.Equal((3, 5, 0.1f, 0.2f, (float?)2f, (float?)1f, false, "run.ckpt"),
            (copy.NumberOfEpochs, copy.BatchSize, copy.L1Regularization, copy.L2Regularization, copy.GradientClipNorm,
             copy.GradientClipValue, copy.Shuffle, copy.CheckpointPath));
        Assert.Same(options.Optimizer, copy.Optimizer);
        Assert.Same(options.EarlyStopping, copy.EarlyStopping);
        Assert.Same(progress, copy.Progress);
        Assert.Equal(cancellation.Token, copy.CancellationToken);
    }
}
