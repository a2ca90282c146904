using MLExt.Neural;
using static MLExt.Tests.Neural.OptimizerTestKit;

namespace MLExt.Tests.Neural.Freezing;

/// <summary>Per-layer learning-rate multipliers (discriminative rates), honoured by every optimiser.</summary>
public sealed class LearningRateMultiplierTests
{
    private const float Multiplier = 0.25f;

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void AdamWWithAMultiplierStepsAtTheScaledRateAndDecay(int steps)
    {
        var optimizer = new AdamWOptimizer { LearningRate = 0.05f, WeightDecay = 0.5f, Beta1 = 0.8f, Beta2 = 0.9f, Epsilon = 1e-3f };
        // p ← p(1 − η·m·λ), then the Adam step with η·m.
        var expected = HandComputed(steps, AdamOptimizerTests.AdamByHand(0.05 * Multiplier, optimizer.Beta1, optimizer.Beta2,
            optimizer.Epsilon, amsgrad: false, weightDecay: optimizer.WeightDecay));
        var (scaled, plain) = (NewParameter(Start), NewParameter(Start, name: "other"));
        scaled.LearningRateMultiplier = Multiplier;
        Run(optimizer, steps, scaled, plain);
        AssertClose(expected, scaled);
        AssertClose(HandComputed(steps, AdamOptimizerTests.AdamByHand(0.05, optimizer.Beta1, optimizer.Beta2, optimizer.Epsilon,
            amsgrad: false, weightDecay: optimizer.WeightDecay)), plain);
    }

    public static TheoryData<string> Optimizers() => ["sgd", "sgd-nesterov", "adagrad", "rmsprop-centred"];

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void AMultiplierIsTheSameAsAScaledLearningRate(string kind)
    {
        Optimizer Create(float rate) => kind switch
        {
            "sgd" => new SgdOptimizer { LearningRate = rate },
            "sgd-nesterov" => new SgdOptimizer { LearningRate = rate, Momentum = 0.75f, Nesterov = true },
            "adagrad" => new AdaGradOptimizer { LearningRate = rate },
            _ => new RmsPropOptimizer { LearningRate = rate, Centered = true, Momentum = 0.5f },
        };
        var scaled = NewParameter(Start);
        scaled.LearningRateMultiplier = Multiplier;
        Run(Create(0.1f), MaxSteps, scaled);
        var reference = NewParameter(Start);
        Run(Create(0.1f * Multiplier), MaxSteps, reference);
        Assert.Equal(reference.Value.Span.ToArray(), scaled.Value.Span.ToArray());
    }

    [Fact]
    public void TheGraphHandsALayersMultiplierToItsParameters()
    {
        // One SGD step: p ← p − η·m·g for the scaled layer, p ← p − η·g for the other.
        var (trunk, head) = (new Dense(3, useBias: false), new Dense(2, useBias: false));
        var network = new Network([trunk, head]);
        network.Build([4], new RandomSource(1));
        trunk.LearningRateMultiplier = Multiplier;
        var x = TestTensors.Gaussian(new RandomSource(2), [5, 4]);
        var dy = TestTensors.Gaussian(new RandomSource(3), [5, 2]);
        network.ZeroGradients();
        network.Forward(x, training: true);
        network.BackwardParametersOnly(dy);
        var (trunkBefore, headBefore) = (trunk.Kernel.Value.Span.ToArray(), head.Kernel.Value.Span.ToArray());
        var (trunkGradient, headGradient) = (trunk.Kernel.Gradient.Span.ToArray(), head.Kernel.Gradient.Span.ToArray());

        new SgdOptimizer { LearningRate = 0.5f }.Step(network.TrainableParameters);

        for (int i = 0; i < trunkBefore.Length; i++)
            Assert.Equal(trunkBefore[i] + -(0.5f * Multiplier) * trunkGradient[i], trunk.Kernel.Value[i]);
        for (int i = 0; i < headBefore.Length; i++) Assert.Equal(headBefore[i] + -0.5f * headGradient[i], head.Kernel.Value[i]);
        Assert.Equal(Multiplier, network.TrainableParameters[0].LearningRateMultiplier);
    }
}
