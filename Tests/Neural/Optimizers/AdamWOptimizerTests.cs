using MLExt.Neural;
using static MLExt.Tests.Neural.OptimizerTestKit;

namespace MLExt.Tests.Neural;

public sealed class AdamWOptimizerTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void WeightsDecayBeforeTheAdamStepAndBiasesDoNot(int steps)
    {
        var optimizer = new AdamWOptimizer { LearningRate = 0.05f, WeightDecay = 0.5f, Beta1 = 0.8f, Beta2 = 0.9f, Epsilon = 1e-3f };
        double eta = optimizer.LearningRate, beta1 = optimizer.Beta1, beta2 = optimizer.Beta2, epsilon = optimizer.Epsilon;
        // Weight: p ← p(1 − ηλ), then the Adam step. Bias: the Adam step alone (λ = 0).
        var expectedWeight = HandComputed(steps, AdamOptimizerTests.AdamByHand(eta, beta1, beta2, epsilon, amsgrad: false, weightDecay: optimizer.WeightDecay));
        var expectedBias = HandComputed(steps, AdamOptimizerTests.AdamByHand(eta, beta1, beta2, epsilon, amsgrad: false, weightDecay: 0));

        var weight = NewParameter(Start, isWeight: true);
        var bias = NewParameter(Start, isWeight: false, name: "bias");
        Run(optimizer, steps, weight, bias);

        AssertClose(expectedWeight, weight);
        AssertClose(expectedBias, bias);
    }

    [Fact]
    public void WithoutDecayItIsAdam()
    {
        var adamW = NewParameter(Start);
        var adam = NewParameter(Start);
        Run(new AdamWOptimizer { WeightDecay = 0f }, 5, adamW);
        Run(new AdamOptimizer(), 5, adam);
        Assert.Equal(adam.Value.Span.ToArray(), adamW.Value.Span.ToArray());
    }

    [Fact]
    public void FirstStepDecaysTheWeightThenTakesTheAdamStep()
    {
        // p = 0.5·(1 − 0.001·0.01) − 0.001·g/(|g| + 1e-7) with g = 0.375.
        var parameter = NewParameter(Start);
        Run(new AdamWOptimizer(), 1, parameter);
        Assert.Equal(0.5 * (1 - 0.001 * 0.01) - 0.001 * 0.375 / (0.375 + 1e-7), parameter.Value[0], 1e-6);
    }
}
