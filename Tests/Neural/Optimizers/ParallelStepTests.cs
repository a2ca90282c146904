using MLExt.Neural;

namespace MLExt.Tests.Neural;

/// <summary>
/// The optimiser step runs a fixed partition of the parameters on several threads: the same bits on
/// one thread or many, clipping by global norm folded in without changing a bit, and the finiteness
/// check of the same pass naming the first parameter that diverged.
/// </summary>
public sealed class ParallelStepTests
{
    // Large enough to be split across threads (several chunks each), with a tail that is not a whole vector.
    private static readonly int[] Sizes = [40_000, 33_333, 17, 1];

    public static TheoryData<string> Optimizers() =>
        ["adam", "adam-amsgrad", "adamw", "sgd", "sgd-nesterov", "rmsprop-centred-momentum", "adagrad"];

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void OneThreadAndAllThreadsGiveTheSameBits(string name)
    {
        var single = Run(name, maxThreads: 1, gradientScale: 0.75f);
        var parallel = Run(name, maxThreads: Math.Max(2, Environment.ProcessorCount), gradientScale: 0.75f);
        for (int i = 0; i < single.Length; i++)
            Assert.True(single[i].Value.Span.SequenceEqual(parallel[i].Value.Span), $"{name}: parameter {i} differs");
    }

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void AGradientScaleGivesTheBitsOfClippedGradients(string name)
    {
        // Old path: rewrite the gradients with ClipByGlobalNorm, then step; new: pass the factor to the step.
        var (rewritten, optimizer) = (Parameters(seed: 3), Create(name));
        var (scaled, fused) = (Parameters(seed: 3), Create(name));
        for (int step = 1; step <= 3; step++)
        {
            Gradients(rewritten, step);
            Gradients(scaled, step);
            double norm = GradientClipping.ClipByGlobalNorm(rewritten, maxNorm: 10f);
            optimizer.Step(rewritten, 0.01f);
            double fusedNorm = Math.Sqrt(fused.GradientSumOfSquares(scaled));
            Assert.Equal(norm, fusedNorm);
            float scale = GradientClipping.Scale(fusedNorm, maxNorm: 10f);
            Assert.True(scale < 1f, "the gradients should be clipped in this test");
            Assert.Equal(-1, fused.Step(scaled, 0.01f, scale));
        }
        for (int i = 0; i < rewritten.Length; i++)
            Assert.True(rewritten[i].Value.Span.SequenceEqual(scaled[i].Value.Span), $"{name}: parameter {i} differs");
    }

    [Fact]
    public void TheGradientNormIsTheSameBitsOnAnyNumberOfThreads()
    {
        var parameters = Parameters(seed: 5);
        Gradients(parameters, step: 1);
        var single = new AdamOptimizer { MaxThreads = 1 };
        var parallel = new AdamOptimizer { MaxThreads = 4 };
        double expected = GradientClipping.SumOfSquares(parameters);
        Assert.Equal(expected, single.GradientSumOfSquares(parameters));
        Assert.Equal(expected, parallel.GradientSumOfSquares(parameters));
        double exact = parameters.Sum(p => p.Gradient.Span.ToArray().Sum(g => (double)g * g));
        Assert.Equal(exact, expected, exact * 1e-12);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(4, 1)]
    [InlineData(1, 2)]
    [InlineData(4, 3)]
    public void TheStepReportsTheFirstParameterThatBecameNonFinite(int maxThreads, int bad)
    {
        var parameters = Parameters(seed: 7);
        var optimizer = new SgdOptimizer { MaxThreads = maxThreads };
        Gradients(parameters, step: 1);
        Assert.Equal(-1, optimizer.Step(parameters, 0.01f, 1f));
        parameters[bad].Gradient[parameters[bad].Gradient.Length - 1] = float.NaN; // in the last chunk's tail
        if (bad == 1) parameters[3].Gradient[0] = float.PositiveInfinity;         // a later one too
        Assert.Equal(bad, optimizer.Step(parameters, 0.01f, 1f));
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(-1f)]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void ABadGradientScaleIsRefusedBeforeTheStep(float scale)
    {
        var parameters = Parameters(seed: 1);
        var optimizer = new AdamOptimizer();
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => optimizer.Step(parameters, 0.01f, scale));
        Assert.Equal("gradientScale", error.ParamName);
        Assert.Equal(0, optimizer.StepCount);
    }

    private static Parameter[] Run(string name, int maxThreads, float gradientScale)
    {
        var parameters = Parameters(seed: 11);
        var optimizer = Create(name);
        optimizer.MaxThreads = maxThreads;
        for (int step = 1; step <= 4; step++)
        {
            Gradients(parameters, step);
            Assert.Equal(-1, optimizer.Step(parameters, 0.01f, gradientScale));
        }
        return parameters;
    }

    private static Optimizer Create(string name) => name switch
    {
        "adam" => new AdamOptimizer(),
        "adam-amsgrad" => new AdamOptimizer { Amsgrad = true, Beta2 = 0.5f },
        "adamw" => new AdamWOptimizer { WeightDecay = 0.1f },
        "sgd" => new SgdOptimizer(),
        "sgd-nesterov" => new SgdOptimizer { Momentum = 0.9f, Nesterov = true },
        "rmsprop-centred-momentum" => new RmsPropOptimizer { Centered = true, Momentum = 0.5f },
        "adagrad" => new AdaGradOptimizer(),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static Parameter[] Parameters(int seed)
    {
        var random = new RandomSource(seed);
        return Sizes.Select((size, i) =>
        {
            var parameter = new Parameter($"p{i}", [size], isWeight: i % 2 == 0);
            for (int j = 0; j < size; j++) parameter.Value[j] = random.NextGaussian();
            return parameter;
        }).ToArray();
    }

    // Gradients that change with the step, of all sizes (so the second moments fall and rise).
    private static void Gradients(Parameter[] parameters, int step)
    {
        var random = new RandomSource(100 + step);
        foreach (var parameter in parameters)
            for (int j = 0; j < parameter.Gradient.Length; j++)
                parameter.Gradient[j] = random.NextGaussian() * (1 + j % 7) * 0.1f;
    }
}
