using MLExt.Neural;
using MLExt.Trainers;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExt.Samples.WageRegression;

/// <summary>The sample as a callable method, so the test suite runs exactly what users read.</summary>
public static class WageSample
{
    /// <summary>Test-split metrics of the MLExt network and of ML.NET's SDCA on the same split.</summary>
    public static (RegressionMetrics Network, RegressionMetrics Sdca) Run(string csvPath, Action<string>? log = null)
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromTextFile<WageRow>(csvPath, separatorChar: ',', hasHeader: true);
        var split = ml.Data.TrainTestSplit(data, testFraction: 0.2, seed: 1);

        // log(wage) as the label; one-hot categoricals; normalised numeric features.
        var features = ml.Transforms.CustomMapping<WageRow, LogWage>((row, label) => label.Label = MathF.Log(row.Wage), contractName: null)
            .Append(ml.Transforms.Categorical.OneHotEncoding([
                new InputOutputColumnPair(nameof(WageRow.Gender)), new InputOutputColumnPair(nameof(WageRow.Race)),
                new InputOutputColumnPair(nameof(WageRow.Occupation)), new InputOutputColumnPair(nameof(WageRow.Sector))]))
            .Append(ml.Transforms.Concatenate("Features", nameof(WageRow.Education), nameof(WageRow.South), nameof(WageRow.Experience),
                nameof(WageRow.Union), nameof(WageRow.Age), nameof(WageRow.Married), nameof(WageRow.Gender), nameof(WageRow.Race),
                nameof(WageRow.Occupation), nameof(WageRow.Sector)))
            .Append(ml.Transforms.NormalizeMeanVariance("Features"));

        var network = features.Append(ml.Regression.Trainers.NeuralNetwork(new NeuralNetworkRegressionTrainer.Options
        {
            Layers = { Layer.Dense(16, Activation.Tanh) },
            Optimizer = new AdamOptimizer { LearningRate = 1e-3f },
            NumberOfEpochs = 200,
            BatchSize = 32,
            L2Regularization = 1e-2f,
            ValidationFraction = 0.15f,
            EarlyStopping = new EarlyStopping { Patience = 20, RestoreBestWeights = true },
            Progress = log is null ? null : new Progress<TrainingProgress>(p =>
            {
                if (p.EpochCompleted && p.Epoch % 20 == 0) log($"epoch {p.Epoch}: loss {p.TrainingLoss:F4}, validation RMSE {p.ValidationMetric:F4}");
            }),
        }));
        var sdca = features.Append(ml.Regression.Trainers.Sdca());

        var networkMetrics = ml.Regression.Evaluate(network.Fit(split.TrainSet).Transform(split.TestSet));
        var sdcaMetrics = ml.Regression.Evaluate(sdca.Fit(split.TrainSet).Transform(split.TestSet));
        return (networkMetrics, sdcaMetrics);
    }

    /// <summary>The label column the custom mapping adds.</summary>
    public sealed class LogWage
    {
        public float Label { get; set; }
    }
}
