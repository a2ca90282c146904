using Microsoft.ML;
using MLExt.AutoML;
using MLExt.Data;
using MLExt.Evaluation;
using Xunit.Abstractions;

namespace MLExt.Tests.AutoML.Experiments;

/// <summary>
/// The multi-fidelity target on the embedded MNIST split: ASHA finds an MLP within one accuracy point of the best that
/// random search finds with the same number of configurations (27), using at most a third of its epochs. Hyperband's first,
/// most aggressive bracket (9 configurations) is measured against random search's first 9 and reported; its later brackets spend
/// more epochs per configuration, so a full Hyperband iteration does not keep to a third. Trials are scored
/// on a seeded 20% hold-out of the 8,000 training digits; networks come from the default network space with 9 epochs in full
/// (rungs of 1, 3 and 9 epochs, η = 3). Random search's proposals do not depend on results, so its first C trials are what it
/// finds with C configurations.
/// </summary>
public sealed class MnistMultiFidelityTests(ITestOutputHelper output)
{
    private const int Configurations = 27, FullEpochs = 9;

    [Fact]
    [Trait("Category", "Long")]
    public void AshaMatchesRandomSearchWithAThirdOfTheEpochs()
    {
        var ml = new MLContext(seed: 1);
        var (train, _) = MnistDigits.Load().Split();
        var data = train.ToDataView(ml);
        ExperimentResult Search(string tuner, int trials) => new Experiment(new ExperimentOptions
        {
            Task = EvaluationTask.MulticlassClassification, Metric = ExperimentMetric.Accuracy, Tuner = tuner, MaxTrials = trials, Seed = 1,
            ValidationFraction = 0.2, MinEpochs = 1, MaxEpochs = FullEpochs, ReductionFactor = 3,
            SearchSpace = DefaultSearchSpace.Create(EvaluationTask.MulticlassClassification, FullEpochs, FullEpochs, [DefaultSearchSpace.Network]),
        }).Run(data);

        var random = Search("random", Configurations);
        var asha = Search("asha", Configurations);
        var hyperband = Search("hyperband", 13); // the first (most aggressive) bracket: 9 configurations at 1 epoch, 3 at 3, 1 at 9
        static int Distinct(ExperimentResult r) => r.Trials.Select(t => t.Parameters).Distinct().Count();
        static double Best(IEnumerable<TrialRecord> trials) => trials.Where(t => t.Status == TrialStatus.Completed).Max(t => t.Metric);

        double randomBest = Best(random.Trials);
        int randomEpochs = random.TotalEpochs;
        output.WriteLine($"random:    {Configurations} configurations, {randomEpochs} epochs, best hold-out accuracy {randomBest:P2}");
        output.WriteLine($"asha:      {Distinct(asha)} configurations, {asha.TotalEpochs} epochs ({(double)asha.TotalEpochs / randomEpochs:P0} of random's), " +
            $"best {Best(asha.Trials):P2}, {asha.Trials.Count(t => t.Status == TrialStatus.Pruned)} pruned");
        int hyperbandConfigurations = Distinct(hyperband);
        var randomPrefix = random.Trials.Take(hyperbandConfigurations).ToArray();
        int prefixEpochs = randomPrefix.Sum(t => t.EpochsTrained);
        output.WriteLine($"hyperband: {hyperbandConfigurations} configurations, {hyperband.TotalEpochs} epochs ({(double)hyperband.TotalEpochs / prefixEpochs:P0} of random's " +
            $"{prefixEpochs} for as many), best {Best(hyperband.Trials):P2} against random's {Best(randomPrefix):P2}");

        Assert.Equal(Configurations, Distinct(asha));
        Assert.True(asha.TotalEpochs * 3 <= randomEpochs, $"ASHA trained {asha.TotalEpochs} epochs, random search {randomEpochs}");
        Assert.True(Best(asha.Trials) >= randomBest - 0.01, $"ASHA's best {Best(asha.Trials):P2}, random search's {randomBest:P2}");
        Assert.Equal(9, hyperbandConfigurations);
        Assert.Equal(27, hyperband.TotalEpochs);
    }
}
