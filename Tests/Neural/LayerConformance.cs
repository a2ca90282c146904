using MLExt.Neural;

namespace MLExt.Tests.Neural;

/// <summary>
/// The checks every layer must pass, shared by the layer tests. Each takes a factory for an unbuilt
/// layer and the per-sample input shape, builds with a fixed seed and uses a batch of three. Layers that
/// draw random numbers while training (dropout) pass <c>pinRandomness</c>: given the built layer it
/// captures its generator state and returns an action that restores it, which the checks call before
/// every forward pass so that training mode is a fixed, differentiable function.
/// </summary>
internal static class LayerConformance
{
    private const int Seed = 1234;
    private const int BatchSize = 3;

    /// <summary>Every check, in inference and in training mode.</summary>
    public static void CheckAll(Func<Layer> create, int[] inputShape, int expectedParameters, Func<Layer, Action>? pinRandomness = null,
        ConformanceInput? input = null)
    {
        CheckShapes(create, inputShape, input);
        CheckParameterCount(create, inputShape, expectedParameters);
        CheckConfigRoundTrip(create, inputShape, input);
        foreach (bool training in new[] { false, true })
        {
            CheckGradients(create, inputShape, training, pinRandomness, input);
            CheckAccumulation(create, inputShape, training, pinRandomness, input);
            CheckSgdStepLowersLoss(create, inputShape, training, pinRandomness, input);
        }
    }

    /// <summary>
    /// Build returns <see cref="Layer.OutputShape"/>; Forward maps [n, ...in] to [n, ...out] for changing
    /// batch sizes; Backward returns [n, ...in]; neither changes its argument; misuse throws clearly.
    /// </summary>
    public static void CheckShapes(Func<Layer> create, int[] inputShape, ConformanceInput? input = null)
    {
        input ??= ConformanceInput.Gaussian;
        var layer = create();
        var random = new RandomSource(Seed);
        Assert.False(layer.IsBuilt);
        Assert.Throws<InvalidOperationException>(() => layer.Forward(new Tensor(TestTensors.Batch(1, inputShape)), false));
        var returned = layer.Build(inputShape, random);
        Assert.True(layer.IsBuilt);
        Assert.Equal(inputShape, layer.InputShape);
        Assert.Equal(layer.OutputShape, returned);
        Assert.Throws<InvalidOperationException>(() => layer.Build(inputShape, random));

        foreach (int n in new[] { BatchSize, 1, BatchSize + 2, BatchSize })
            foreach (bool training in new[] { false, true })
            {
                var x = input.Create(random, TestTensors.Batch(n, inputShape));
                var xBefore = x.Clone();
                input.Apply(layer, n);
                var y = layer.Forward(x, training);
                Assert.Equal(TestTensors.Batch(n, layer.OutputShape), y.Shape);
                var dy = TestTensors.Gaussian(random, y.Shape);
                var dyBefore = dy.Clone();
                var dx = layer.Backward(dy);
                Assert.Equal(x.Shape, dx.Shape);
                TestTensors.AssertIdentical(xBefore, x, $"{layer.TypeName} input after Forward/Backward");
                TestTensors.AssertIdentical(dyBefore, dy, $"{layer.TypeName} output gradient after Backward");
            }

        int[] wrongLast = [.. inputShape];
        if (wrongLast.Length > 0) wrongLast[^1]++;
        foreach (var wrong in new[] { wrongLast, [.. inputShape, 2] })
        {
            input.Apply(layer, 2);
            var error = Assert.ThrowsAny<ArgumentException>(() => layer.Forward(new Tensor(TestTensors.Batch(2, wrong)), false));
            Assert.Contains(layer.TypeName, error.Message);
        }
    }

    /// <summary>The layer has <paramref name="expected"/> trainable values in uniquely named parameters.</summary>
    public static void CheckParameterCount(Func<Layer> create, int[] inputShape, int expected)
    {
        var layer = create();
        layer.Build(inputShape, new RandomSource(Seed));
        Assert.Equal(expected, layer.ParameterCount);
        Assert.Equal(layer.Parameters.Count, layer.Parameters.Select(p => p.Name).Distinct().Count());
        foreach (var p in layer.Parameters)
        {
            Assert.Equal(p.Value.Shape, p.Gradient.Shape);
            Assert.All(p.Value.Span.ToArray(), v => Assert.True(float.IsFinite(v), $"{p} holds {v} after Build."));
        }
    }

    /// <summary>
    /// dL/dx and every dL/dparameter match central differences of L = Σ r⊙y for a fixed random r; see
    /// <see cref="GradientCheck"/> for the error measure.
    /// </summary>
    public static void CheckGradients(Func<Layer> create, int[] inputShape, bool training, Func<Layer, Action>? pinRandomness = null,
        ConformanceInput? input = null)
    {
        var (layer, reset, x) = Prepare(create, inputShape, pinRandomness, input);
        var r = TestTensors.Gaussian(new RandomSource(Seed + 2), TestTensors.Batch(BatchSize, layer.OutputShape));
        string mode = training ? "training" : "inference";

        layer.ZeroGradients();
        reset();
        layer.Forward(x, training);
        var dx = layer.Backward(r).Clone();
        var gradients = layer.Parameters.Select(p => p.Gradient.Clone()).ToList();

        // A layer that adds a loss term (ILossTermSource) includes its derivative in Backward: the objective includes the term.
        double Objective()
        {
            reset();
            double value = TestTensors.Dot(layer.Forward(x, training).Span, r.Span);
            return value + ((layer as ILossTermSource)?.LossTerm ?? 0f);
        }

        if (input?.Differentiable == false) Assert.False(dx.Span.ContainsAnyExcept(0f), $"{layer}: dL/dx of a non-differentiable input must be zero.");
        else GradientCheck.AssertMatches($"{layer} ({mode}) dL/dx", x.Data, dx.Span, Objective);
        for (int i = 0; i < gradients.Count; i++)
        {
            var p = layer.Parameters[i];
            GradientCheck.AssertMatches($"{layer} ({mode}) dL/d{p.Name}", p.Value.Data, gradients[i].Span, Objective);
        }
    }

    /// <summary>
    /// Backward adds into the parameter gradients: a second Backward doubles them and returns the same dx;
    /// <see cref="Layer.ZeroGradients"/> clears them, after which Backward gives the first result again.
    /// </summary>
    public static void CheckAccumulation(Func<Layer> create, int[] inputShape, bool training, Func<Layer, Action>? pinRandomness = null,
        ConformanceInput? input = null)
    {
        var (layer, reset, x) = Prepare(create, inputShape, pinRandomness, input);
        reset();
        var y = layer.Forward(x, training);
        var dy = TestTensors.Gaussian(new RandomSource(Seed + 3), y.Shape);
        var dx1 = layer.Backward(dy).Clone();
        var first = layer.Parameters.Select(p => p.Gradient.Clone()).ToList();
        Assert.All(first, g => Assert.True(g.Span.ContainsAnyExcept(0f), $"{layer}: a parameter gradient is all zero."));

        var dx2 = layer.Backward(dy);
        TestTensors.AssertIdentical(dx1, dx2, $"{layer} dx of a second Backward");
        for (int i = 0; i < first.Count; i++)
        {
            var doubled = first[i].Span.ToArray().Select(v => 2 * v).ToArray();
            TestTensors.AssertClose(doubled, layer.Parameters[i].Gradient.Span, 1e-5, $"{layer} {layer.Parameters[i].Name} after two Backward calls");
        }

        layer.ZeroGradients();
        Assert.All(layer.Parameters, p => Assert.False(p.Gradient.Span.ContainsAnyExcept(0f), $"{p} gradient not cleared."));
        layer.Backward(dy);
        for (int i = 0; i < first.Count; i++)
            TestTensors.AssertIdentical(first[i], layer.Parameters[i].Gradient, $"{layer} {layer.Parameters[i].Name} after ZeroGradients and Backward");
    }

    /// <summary>
    /// <see cref="Layer.FromConfig"/> of the config gives an equal config; built with the same seed, it has
    /// the same parameter values and the same output, in inference and in training mode.
    /// </summary>
    public static void CheckConfigRoundTrip(Func<Layer> create, int[] inputShape, ConformanceInput? input = null)
    {
        input ??= ConformanceInput.Gaussian;
        var original = create();
        var unbuiltConfig = original.GetConfig();
        original.Build(inputShape, new RandomSource(Seed));
        Assert.Equal(unbuiltConfig, original.GetConfig());

        var copy = Layer.FromConfig(original.GetConfig());
        Assert.IsType(original.GetType(), copy);
        Assert.False(copy.IsBuilt);
        Assert.Equal(original.GetConfig(), copy.GetConfig());
        Assert.Equal(original.GetConfig().GetHashCode(), copy.GetConfig().GetHashCode());
        Assert.Equal(original.ToString(), copy.ToString());
        Assert.Equal(original.GetConfig(), original.CloneUnbuilt().GetConfig());

        Assert.Equal(original.OutputShape, copy.Build(inputShape, new RandomSource(Seed)));
        Assert.Equal(original.Parameters.Count, copy.Parameters.Count);
        for (int i = 0; i < original.Parameters.Count; i++)
        {
            Assert.Equal(original.Parameters[i].Name, copy.Parameters[i].Name);
            TestTensors.AssertIdentical(original.Parameters[i].Value, copy.Parameters[i].Value, $"{copy} {copy.Parameters[i].Name}");
        }

        var x = input.Create(new RandomSource(Seed + 1), TestTensors.Batch(BatchSize, inputShape));
        input.Apply(original, BatchSize);
        input.Apply(copy, BatchSize);
        foreach (bool training in new[] { false, true })
            TestTensors.AssertIdentical(original.Forward(x, training).Clone(), copy.Forward(x, training), $"{copy} output (training: {training})");
    }

    /// <summary>
    /// One plain SGD step, v −= lr·dL/dv on the parameters (on the input for parameter-free layers), with an
    /// MSE loss on a fixed batch lowers the loss by at least a quarter of the first-order prediction lr·|g|².
    /// </summary>
    public static void CheckSgdStepLowersLoss(Func<Layer> create, int[] inputShape, bool training, Func<Layer, Action>? pinRandomness = null,
        ConformanceInput? input = null)
    {
        const float learningRate = 1e-2f;
        var (layer, reset, x) = Prepare(create, inputShape, pinRandomness, input);
        if (layer.ParameterCount == 0 && input?.Differentiable == false) return; // nothing can be stepped
        var target = TestTensors.Gaussian(new RandomSource(Seed + 4), TestTensors.Batch(BatchSize, layer.OutputShape));
        var mse = new MeanSquaredError();
        float Loss()
        {
            reset();
            return mse.Forward(layer.Forward(x, training), target);
        }

        float before = Loss();
        layer.ZeroGradients();
        var dx = layer.Backward(mse.Backward()).Clone();
        var steps = layer.ParameterCount > 0
            ? layer.Parameters.Select(p => (p.Value, p.Gradient)).ToList()
            : [(x, dx)];
        double squaredNorm = 0;
        foreach (var (value, gradient) in steps)
        {
            squaredNorm += TestTensors.Dot(gradient.Span, gradient.Span);
            for (int i = 0; i < value.Length; i++) value[i] -= learningRate * gradient[i];
        }
        Assert.True(squaredNorm > 0, $"{layer}: the gradient is zero, so no step can lower the loss.");
        float after = Loss();
        double predicted = learningRate * squaredNorm;
        Assert.True(before - after >= 0.25 * predicted,
            $"{layer} (training: {training}): an SGD step took the MSE from {before:G7} to {after:G7}; expected a drop of at least {0.25 * predicted:G3}.");
    }

    private static (Layer Layer, Action Reset, Tensor Input) Prepare(Func<Layer> create, int[] inputShape, Func<Layer, Action>? pinRandomness,
        ConformanceInput? input)
    {
        input ??= ConformanceInput.Gaussian;
        var layer = create();
        layer.Build(inputShape, new RandomSource(Seed));
        var pin = pinRandomness?.Invoke(layer);
        // The mask is set again before every forward pass, as Network.Forward does.
        Action reset = () => { pin?.Invoke(); input.Apply(layer, BatchSize); };
        var x = input.Create(new RandomSource(Seed + 1), TestTensors.Batch(BatchSize, inputShape));
        return (layer, reset, x);
    }
}
