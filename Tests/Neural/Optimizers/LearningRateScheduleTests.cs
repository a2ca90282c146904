using MLExt.Neural;

namespace MLExt.Tests.Neural;

public sealed class LearningRateScheduleTests
{
    [Theory]
    [InlineData(0, 0.2)]
    [InlineData(2, 0.2)]
    [InlineData(3, 0.1)]     // 0.2·0.5¹
    [InlineData(5, 0.1)]
    [InlineData(6, 0.05)]    // 0.2·0.5²
    [InlineData(10, 0.025)]  // 0.2·0.5³
    public void StepDecayMultipliesByGammaEveryStepSizeEpochs(int epoch, double expected) =>
        AssertRate(expected, new StepDecay { StepSize = 3, Gamma = 0.5f }, 0.2f, step: 1000, epoch);

    [Theory]
    [InlineData(9, 1.0)]
    [InlineData(10, 0.1)]
    [InlineData(25, 0.01)]
    public void StepDecayDefaultsDivideByTenEveryTenEpochs(int epoch, double expected) =>
        AssertRate(expected, new StepDecay(), 1f, step: 0, epoch);

    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(1, 0.5)]
    [InlineData(3, 0.125)]   // 0.5³
    public void ExponentialDecayMultipliesByGammaEachEpoch(int epoch, double expected) =>
        AssertRate(expected, new ExponentialDecay { Gamma = 0.5f }, 1f, step: 7, epoch);

    [Fact]
    public void ExponentialDecayDefaultIsNinetyFivePercent() =>
        AssertRate(0.9025, new ExponentialDecay(), 1f, step: 0, epoch: 2);  // 0.95²

    [Theory]
    [InlineData(0, 0.1)]
    [InlineData(1, 0.08681980515339464)]  // 0.01 + ½·0.09·(1 + cos(π/4))
    [InlineData(2, 0.055)]                // 0.01 + ½·0.09·(1 + cos(π/2))
    [InlineData(3, 0.02318019484660536)]  // 0.01 + ½·0.09·(1 + cos(3π/4))
    [InlineData(4, 0.01)]
    [InlineData(9, 0.01)]                 // stays at the floor after T
    public void CosineAnnealingFallsFromTheBaseRateToTheMinimum(int epoch, double expected) =>
        AssertRate(expected, new CosineAnnealing { TotalEpochs = 4, MinimumLearningRate = 0.01f }, 0.1f, step: 0, epoch);

    [Theory]
    [InlineData(0, 0.025)]   // 0.1·1/4
    [InlineData(1, 0.05)]    // 0.1·2/4
    [InlineData(3, 0.1)]     // 0.1·4/4
    [InlineData(4, 0.1)]
    [InlineData(100, 0.1)]
    public void LinearWarmupRampsToTheBaseRate(long step, double expected) =>
        AssertRate(expected, new LinearWarmup { WarmupSteps = 4 }, 0.1f, step, epoch: 0);

    [Theory]
    [InlineData(1, 0, 0.05)]     // inner 0.1, ·2/4
    [InlineData(1, 2, 0.0125)]   // inner 0.1·0.5² = 0.025, ·2/4
    [InlineData(10, 2, 0.025)]   // after the warm-up: the inner rate
    public void LinearWarmupScalesTheInnerSchedule(long step, int epoch, double expected) =>
        AssertRate(expected, new LinearWarmup { WarmupSteps = 4, Then = new ExponentialDecay { Gamma = 0.5f } }, 0.1f, step, epoch);

    [Fact]
    public void NegativeStepOrEpochThrows()
    {
        var schedule = new ExponentialDecay();
        Assert.Throws<ArgumentOutOfRangeException>(() => schedule.GetLearningRate(0.1f, -1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => schedule.GetLearningRate(0.1f, 0, -1));
    }

    private static readonly Dictionary<string, Func<LearningRateSchedule>> BadSchedules = new()
    {
        ["StepDecay.StepSize=0"] = () => new StepDecay { StepSize = 0 },
        ["StepDecay.Gamma=0"] = () => new StepDecay { Gamma = 0f },
        ["StepDecay.Gamma=1.5"] = () => new StepDecay { Gamma = 1.5f },
        ["ExponentialDecay.Gamma=NaN"] = () => new ExponentialDecay { Gamma = float.NaN },
        ["ExponentialDecay.Gamma=-0.5"] = () => new ExponentialDecay { Gamma = -0.5f },
        ["CosineAnnealing.TotalEpochs=0"] = () => new CosineAnnealing { TotalEpochs = 0 },
        ["CosineAnnealing.MinimumLearningRate=-1e-3"] = () => new CosineAnnealing { TotalEpochs = 5, MinimumLearningRate = -1e-3f },
        ["CosineAnnealing.MinimumLearningRate=Inf"] = () => new CosineAnnealing { TotalEpochs = 5, MinimumLearningRate = float.PositiveInfinity },
        ["LinearWarmup.WarmupSteps=0"] = () => new LinearWarmup { WarmupSteps = 0 },
        ["LinearWarmup.Then=bad"] = () => new LinearWarmup { WarmupSteps = 5, Then = new StepDecay { StepSize = -1 } },
        ["LinearWarmup.Then=loop"] = () =>
        {
            var loop = new LinearWarmup { WarmupSteps = 2 };
            loop.Then = new LinearWarmup { WarmupSteps = 3, Then = loop };
            return loop;
        },
    };

    [Theory]
    [InlineData("StepDecay.StepSize=0", nameof(StepDecay.StepSize))]
    [InlineData("StepDecay.Gamma=0", nameof(StepDecay.Gamma))]
    [InlineData("StepDecay.Gamma=1.5", nameof(StepDecay.Gamma))]
    [InlineData("ExponentialDecay.Gamma=NaN", nameof(ExponentialDecay.Gamma))]
    [InlineData("ExponentialDecay.Gamma=-0.5", nameof(ExponentialDecay.Gamma))]
    [InlineData("CosineAnnealing.TotalEpochs=0", nameof(CosineAnnealing.TotalEpochs))]
    [InlineData("CosineAnnealing.MinimumLearningRate=-1e-3", nameof(CosineAnnealing.MinimumLearningRate))]
    [InlineData("CosineAnnealing.MinimumLearningRate=Inf", nameof(CosineAnnealing.MinimumLearningRate))]
    [InlineData("LinearWarmup.WarmupSteps=0", nameof(LinearWarmup.WarmupSteps))]
    [InlineData("LinearWarmup.Then=bad", nameof(StepDecay.StepSize))]
    [InlineData("LinearWarmup.Then=loop", nameof(LinearWarmup.Then))]
    public void ValidateNamesTheBadSetting(string schedule, string property)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(BadSchedules[schedule]().Validate);
        Assert.Equal(property, error.ParamName);
        Assert.Contains($".{property} must be", error.Message);
    }

    [Fact]
    public void DefaultsAreValid()
    {
        new StepDecay().Validate();
        new ExponentialDecay().Validate();
        new CosineAnnealing { TotalEpochs = 1 }.Validate();
        new LinearWarmup { WarmupSteps = 1, Then = new CosineAnnealing { TotalEpochs = 10 } }.Validate();
    }

    [Fact]
    public void LinearWarmupDescribesItsInnerScheduleEvenInACycle()
    {
        var warmup = new LinearWarmup { WarmupSteps = 3, Then = new ExponentialDecay { Gamma = 0.5f } };
        Assert.Equal("LinearWarmup(WarmupSteps=3, Then=ExponentialDecay(Gamma=0.5))", warmup.ToString());
        warmup.Then = warmup;
        Assert.EndsWith("Then=…))))", warmup.ToString());
    }

    private static void AssertRate(double expected, LearningRateSchedule schedule, float baseRate, long step, int epoch) =>
        Assert.Equal(expected, schedule.GetLearningRate(baseRate, step, epoch), 1e-6 * Math.Max(1, Math.Abs(expected)));
}
