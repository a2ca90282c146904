using System.Reflection;
using MLExt.Neural;
using static MLExt.Tests.Neural.OptimizerTestKit;

namespace MLExt.Tests.Neural;

/// <summary>What every optimiser shares: defaults, validation, cloning, allocation and convergence.</summary>
public sealed class OptimizerContractTests
{
    public static TheoryData<Type> OptimizerTypes() =>
        [typeof(SgdOptimizer), typeof(AdaGradOptimizer), typeof(RmsPropOptimizer), typeof(AdamOptimizer), typeof(AdamWOptimizer)];

    [Theory]
    [InlineData(typeof(SgdOptimizer), "LearningRate=0.01, Momentum=0, Nesterov=False")]
    [InlineData(typeof(AdaGradOptimizer), "LearningRate=0.01, Epsilon=1E-07, InitialAccumulatorValue=0.1")]
    [InlineData(typeof(RmsPropOptimizer), "LearningRate=0.001, Rho=0.9, Epsilon=1E-07, Momentum=0, Centered=False")]
    [InlineData(typeof(AdamOptimizer), "LearningRate=0.001, Beta1=0.9, Beta2=0.999, Epsilon=1E-07, Amsgrad=False")]
    [InlineData(typeof(AdamWOptimizer), "LearningRate=0.001, WeightDecay=0.01, Beta1=0.9, Beta2=0.999, Epsilon=1E-07, Amsgrad=False")]
    public void DefaultsAreTheDocumentedOnesAndValid(Type type, string settings)
    {
        var optimizer = Create(type);
        Assert.Equal($"{type.Name}({settings})", optimizer.ToString());
        optimizer.Validate();
    }

    [Theory]
    [InlineData(typeof(SgdOptimizer), "LearningRate", 0f)]
    [InlineData(typeof(SgdOptimizer), "Momentum", -0.1f)]
    [InlineData(typeof(SgdOptimizer), "Momentum", 1f)]
    [InlineData(typeof(SgdOptimizer), "Nesterov", true)]
    [InlineData(typeof(AdaGradOptimizer), "LearningRate", -1f)]
    [InlineData(typeof(AdaGradOptimizer), "Epsilon", 0f)]
    [InlineData(typeof(AdaGradOptimizer), "Epsilon", float.NaN)]
    [InlineData(typeof(AdaGradOptimizer), "InitialAccumulatorValue", -0.1f)]
    [InlineData(typeof(AdaGradOptimizer), "InitialAccumulatorValue", float.PositiveInfinity)]
    [InlineData(typeof(RmsPropOptimizer), "LearningRate", float.NaN)]
    [InlineData(typeof(RmsPropOptimizer), "Rho", 1f)]
    [InlineData(typeof(RmsPropOptimizer), "Rho", -0.5f)]
    [InlineData(typeof(RmsPropOptimizer), "Epsilon", -1e-7f)]
    [InlineData(typeof(RmsPropOptimizer), "Momentum", 1.5f)]
    [InlineData(typeof(RmsPropOptimizer), "Momentum", float.NaN)]
    [InlineData(typeof(AdamOptimizer), "LearningRate", float.PositiveInfinity)]
    [InlineData(typeof(AdamOptimizer), "Beta1", 1f)]
    [InlineData(typeof(AdamOptimizer), "Beta1", -0.1f)]
    [InlineData(typeof(AdamOptimizer), "Beta2", 1f)]
    [InlineData(typeof(AdamOptimizer), "Epsilon", 0f)]
    [InlineData(typeof(AdamWOptimizer), "LearningRate", 0f)]
    [InlineData(typeof(AdamWOptimizer), "WeightDecay", -0.01f)]
    [InlineData(typeof(AdamWOptimizer), "WeightDecay", float.NaN)]
    [InlineData(typeof(AdamWOptimizer), "Beta1", float.NaN)]
    [InlineData(typeof(AdamWOptimizer), "Beta2", 2f)]
    [InlineData(typeof(AdamWOptimizer), "Epsilon", float.NegativeInfinity)]
    public void ValidateNamesTheBadSetting(Type type, string property, object value)
    {
        var optimizer = Create(type);
        type.GetProperty(property, BindingFlags.Public | BindingFlags.Instance)!.SetValue(optimizer, value);
        var error = Assert.Throws<ArgumentOutOfRangeException>(optimizer.Validate);
        Assert.Equal(property, error.ParamName);
        Assert.Contains($"{type.Name}.{property} must be", error.Message);
    }

    [Theory]
    [MemberData(nameof(OptimizerTypes))]
    public void CloneSettingsCopiesTheSettingsButNotTheState(Type type)
    {
        var original = Create(type);
        original.LearningRate = 0.02f;
        var parameter = NewParameter(Start);
        Run(original, 2, parameter);
        var stateBefore = original.StateBuffers.Select(slots => slots.Select(s => s?.ToArray()).ToArray()).ToArray();

        var clone = original.CloneSettings();
        Assert.IsType(type, clone);
        Assert.Equal(original.ToString(), clone.ToString());
        Assert.Equal(0, clone.StepCount);
        Assert.Empty(clone.StateBuffers);

        // The clone's first step is a fresh optimiser's first step, and it leaves the original alone.
        var fromClone = NewParameter(Start);
        var fromFresh = NewParameter(Start);
        Run(clone, 1, fromClone);
        var fresh = Create(type);
        fresh.LearningRate = 0.02f;
        Run(fresh, 1, fromFresh);
        Assert.Equal(fromFresh.Value.Span.ToArray(), fromClone.Value.Span.ToArray());
        Assert.Equal(2, original.StepCount);
        Assert.Equal(stateBefore, original.StateBuffers.Select(slots => slots.Select(s => s?.ToArray()).ToArray()).ToArray());
    }

    [Theory]
    [MemberData(nameof(OptimizerTypes))]
    public void StepsDoNotAllocateOnceTheStateExists(Type type)
    {
        var optimizer = Create(type);
        Configure(optimizer);
        Parameter[] parameters = [NewParameter(Start), NewParameter(Start, isWeight: false, name: "bias")];
        for (int i = 0; i < 3; i++) optimizer.Step(parameters);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++) optimizer.Step(parameters);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Theory]
    [InlineData(typeof(SgdOptimizer), 0.1f, 60)]
    [InlineData(typeof(AdaGradOptimizer), 0.5f, 150)]
    [InlineData(typeof(RmsPropOptimizer), 0.01f, 400)]
    [InlineData(typeof(AdamOptimizer), 0.05f, 300)]
    [InlineData(typeof(AdamWOptimizer), 0.05f, 300)]
    public void MinimisesAQuadratic(Type type, float learningRate, int steps)
    {
        // f(p) = Σ(p − c)², ∇f = 2(p − c), from p = 0.
        double[] target = [1.5, -2, 0.25];
        var optimizer = Create(type);
        Configure(optimizer);
        optimizer.LearningRate = learningRate;
        var parameter = NewParameter(new double[target.Length]);
        for (int step = 0; step < steps; step++)
        {
            for (int i = 0; i < target.Length; i++) parameter.Gradient[i] = (float)(2 * (parameter.Value[i] - target[i]));
            optimizer.Step([parameter]);
        }
        for (int i = 0; i < target.Length; i++)
            Assert.True(Math.Abs(parameter.Value[i] - target[i]) < 0.02, $"{optimizer}: p[{i}] = {parameter.Value[i]}, target {target[i]}");
    }

    private static Optimizer Create(Type type) => (Optimizer)Activator.CreateInstance(type)!;

    /// <summary>Turns on the optional state (momentum, centring, AMSGrad) so that every buffer is exercised.</summary>
    private static void Configure(Optimizer optimizer)
    {
        switch (optimizer)
        {
            case SgdOptimizer sgd: sgd.Momentum = 0.5f; sgd.Nesterov = true; break;
            case RmsPropOptimizer rms: rms.Momentum = 0.5f; rms.Centered = true; break;
            case AdaptiveMomentOptimizer adam: adam.Amsgrad = true; break;
        }
    }
}
