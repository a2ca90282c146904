namespace MLExt.Neural;

/// <summary>
/// Why a network gives the output it does for one sample: attributions of one output unit (a class's logit, the
/// binary logit, the regression output) to every input value. Gradient methods run the graph backward to its input
/// (<see cref="ModelGraph.Backward"/>); integrated gradients, SmoothGrad and occlusion push their many points through
/// the graph in batches of <see cref="AttributionOptions.MaxBatch"/> rows. The graph runs in inference mode, so
/// dropout and augmentation are off. Not thread-safe: layers keep per-call buffers.
/// </summary>
public sealed class InputAttribution
{
    private readonly ModelGraph _graph;
    private readonly Tensor?[] _outputGradient = new Tensor?[1];
    private readonly Tensor[] _inputs = new Tensor[1];
    private Tensor? _batch, _seed;

    /// <summary>Explains a graph with one input and one output.</summary>
    /// <exception cref="ArgumentException">The graph has several inputs or outputs.</exception>
    public InputAttribution(ModelGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        if (graph.Inputs.Count != 1 || graph.Outputs.Count != 1)
            throw new ArgumentException($"Attribution explains a graph with one input and one output; this one has " +
                $"{graph.Inputs.Count} inputs and {graph.Outputs.Count} outputs.", nameof(graph));
        _graph = graph;
        InputShape = graph.Inputs[0].Shape;
        InputSize = Tensor.Product(InputShape);
        OutputSize = Tensor.Product(graph.Outputs[0].Shape);
        IsTokenInput = graph.Inputs[0].Kind == GraphInputKind.TokenIds;
    }

    /// <summary>Explains a built network.</summary>
    public InputAttribution(Network network) : this(network.Graph)
    {
    }

    /// <summary>The shape of one input sample.</summary>
    public int[] InputShape { get; }

    /// <summary>Values in one input sample.</summary>
    public int InputSize { get; }

    /// <summary>Values in one output sample (the targets one can explain).</summary>
    public int OutputSize { get; }

    /// <summary>Whether the input holds token ids (only occlusion explains those: ids have no gradient).</summary>
    public bool IsTokenInput { get; }

    /// <summary>The graph's outputs for one sample, inference mode.</summary>
    public float[] Predict(ReadOnlySpan<float> input)
    {
        CheckInput(input, nameof(input));
        var batch = Batch(1);
        input.CopyTo(batch.Span);
        return Run(batch).Span[..OutputSize].ToArray();
    }

    /// <summary>∂f/∂x: the gradient of output <paramref name="target"/> at the input (Simonyan et al. 2014); with
    /// <paramref name="absolute"/> its magnitude, the original saliency map.</summary>
    public float[] Saliency(ReadOnlySpan<float> input, int target, bool absolute = false)
    {
        CheckGradientInput(input, target);
        var gradient = new double[InputSize];
        Gradients(input, input, [1.0], [1.0], target, gradient, out _);
        return gradient.Select(g => (float)(absolute ? Math.Abs(g) : g)).ToArray();
    }

    /// <summary>x ⊙ ∂f/∂x (Shrikumar et al. 2016): integrated gradients' one-step form from a zero baseline.</summary>
    public float[] GradientTimesInput(ReadOnlySpan<float> input, int target)
    {
        var gradient = Saliency(input, target);
        for (int i = 0; i < gradient.Length; i++) gradient[i] *= input[i];
        return gradient;
    }

    /// <summary>
    /// Integrated gradients (Sundararajan et al. 2017): (x − x′) ⊙ ∫₀¹ ∂f/∂x(x′ + α(x − x′)) dα, the integral by
    /// <see cref="AttributionOptions.Rule"/> on <see cref="AttributionOptions.Steps"/> points. The attributions sum
    /// to f(x) − f(x′) up to <see cref="IntegratedGradientsResult.ConvergenceDelta"/>.
    /// </summary>
    /// <param name="input">The sample.</param>
    /// <param name="target">The explained output unit.</param>
    /// <param name="baseline">x′, the input's shape (null: zeros).</param>
    /// <param name="options">Steps and rule (null: Captum's defaults).</param>
    /// <exception cref="ArgumentException">The baseline's width differs from the input's; the message says both.</exception>
    public IntegratedGradientsResult IntegratedGradients(ReadOnlySpan<float> input, int target, ReadOnlySpan<float> baseline = default,
        AttributionOptions? options = null)
    {
        options ??= new AttributionOptions();
        options.Validate();
        CheckGradientInput(input, target);
        float[] start = baseline.IsEmpty ? new float[InputSize] : baseline.ToArray();
        if (start.Length != InputSize)
            throw new ArgumentException($"The baseline has {start.Length} values but the input has {InputSize}.", nameof(baseline));
        var (alphas, weights) = IntegrationPoints.Of(options.Rule, options.Steps);
        var integral = new double[InputSize];
        Gradients(input, start, alphas, weights, target, integral, out _, options.MaxBatch);
        var attributions = new float[InputSize];
        double sum = 0;
        for (int i = 0; i < InputSize; i++)
        {
            double a = (input[i] - start[i]) * integral[i];
            attributions[i] = (float)a;
            sum += a;
        }
        double output = Predict(input)[target], atBaseline = Predict(start)[target];
        return new IntegratedGradientsResult(attributions, output, atBaseline, sum - (output - atBaseline));
    }

    /// <summary>
    /// SmoothGrad (Smilkov et al. 2017): the gradient averaged over <see cref="AttributionOptions.Samples"/> copies of
    /// the input with Gaussian noise of standard deviation <see cref="AttributionOptions.NoiseLevel"/> × (max − min of
    /// the input), drawn from <see cref="AttributionOptions.Seed"/>.
    /// </summary>
    public float[] SmoothGrad(ReadOnlySpan<float> input, int target, AttributionOptions? options = null)
    {
        options ??= new AttributionOptions();
        options.Validate();
        CheckGradientInput(input, target);
        float low = float.MaxValue, high = float.MinValue;
        foreach (float v in input) { low = Math.Min(low, v); high = Math.Max(high, v); }
        float sigma = options.NoiseLevel * (high - low);
        var random = new RandomSource(options.Seed);
        var sum = new double[InputSize];
        var values = input.ToArray();
        for (int done = 0; done < options.Samples; done += options.MaxBatch)
        {
            int rows = Math.Min(options.MaxBatch, options.Samples - done);
            var batch = Batch(rows);
            for (int r = 0; r < rows; r++)
            {
                var row = batch.Row(r);
                for (int i = 0; i < InputSize; i++) row[i] = values[i] + sigma * random.NextGaussian();
            }
            AddGradients(batch, target, Enumerable.Repeat(1.0 / options.Samples, rows).ToArray(), sum);
        }
        return sum.Select(g => (float)g).ToArray();
    }

    /// <summary>
    /// Occlusion (Zeiler and Fergus 2014): slides a window of <see cref="AttributionOptions.Window"/> over the input in
    /// steps of <see cref="AttributionOptions.Strides"/>, sets the values under it to
    /// <see cref="AttributionOptions.OcclusionValue"/>, and gives every value the mean of f(x) − f(occluded) over the
    /// windows covering it. With the default window of 1 this is leave-one-feature-out (leave-one-token-out for token
    /// ids with the padding id as the value). Needs no gradient, so it explains token inputs too.
    /// </summary>
    /// <exception cref="ArgumentException">The window or strides do not fit the input's shape (named).</exception>
    /// <param name="input">The sample.</param>
    /// <param name="target">The explained output unit.</param>
    /// <param name="options">The window, strides and value (null: one value at a time, set to 0).</param>
    /// <param name="baseline">Per input value, what it becomes when occluded (empty: the options' value).</param>
    public float[] Occlusion(ReadOnlySpan<float> input, int target, AttributionOptions? options = null,
        ReadOnlySpan<float> baseline = default)
    {
        options ??= new AttributionOptions();
        options.Validate();
        CheckInput(input, nameof(input));
        CheckTarget(target);
        if (!baseline.IsEmpty && baseline.Length != InputSize)
            throw new ArgumentException($"The baseline has {baseline.Length} values but the input has {InputSize}.", nameof(baseline));
        var windows = OcclusionWindows.Of(InputShape, options.Window, options.Strides);
        double reference = Predict(input)[target];
        var total = new double[InputSize];
        var covered = new int[InputSize];
        for (int done = 0; done < windows.Count; done += options.MaxBatch)
        {
            int rows = Math.Min(options.MaxBatch, windows.Count - done);
            var batch = Batch(rows);
            for (int r = 0; r < rows; r++)
            {
                var row = batch.Row(r);
                input.CopyTo(row);
                foreach (int i in windows[done + r]) row[i] = baseline.IsEmpty ? options.OcclusionValue : baseline[i];
            }
            var outputs = Run(batch);
            for (int r = 0; r < rows; r++)
            {
                double drop = reference - outputs.Span[r * OutputSize + target];
                foreach (int i in windows[done + r]) { total[i] += drop; covered[i]++; }
            }
        }
        return total.Select((t, i) => covered[i] == 0 ? 0f : (float)(t / covered[i])).ToArray();
    }

    // Σ_k weights[k] ∂f/∂x at start + alphas[k] (end − start), added into sum; values[k] = f at each point.
    private void Gradients(ReadOnlySpan<float> end, ReadOnlySpan<float> start, double[] alphas, double[] weights, int target,
        double[] sum, out float[] values, int maxBatch = 1)
    {
        values = new float[alphas.Length];
        for (int done = 0; done < alphas.Length; done += maxBatch)
        {
            int rows = Math.Min(maxBatch, alphas.Length - done);
            var batch = Batch(rows);
            for (int r = 0; r < rows; r++)
            {
                var row = batch.Row(r);
                float alpha = (float)alphas[done + r];
                for (int i = 0; i < InputSize; i++) row[i] = start[i] + alpha * (end[i] - start[i]);
            }
            var f = AddGradients(batch, target, weights.AsSpan(done, rows).ToArray(), sum);
            f.CopyTo(values.AsSpan(done));
        }
    }

    // One forward and one backward of the batch: sum += Σ_r weight[r] ∂f_target/∂x_r; returns f_target per row.
    private float[] AddGradients(Tensor batch, int target, double[] weight, double[] sum)
    {
        var outputs = Run(batch);
        var f = new float[batch.Rows];
        var seed = Tensor.Ensure(ref _seed, outputs.Shape);
        seed.Clear();
        for (int r = 0; r < batch.Rows; r++)
        {
            f[r] = outputs.Span[r * OutputSize + target];
            seed.Span[r * OutputSize + target] = 1;
        }
        _outputGradient[0] = seed;
        var gradient = _graph.Backward(_outputGradient)[0];
        for (int r = 0; r < batch.Rows; r++)
        {
            var row = gradient.Row(r);
            for (int i = 0; i < InputSize; i++) sum[i] += weight[r] * row[i];
        }
        return f;
    }

    // The output batch; sample r's unit t is at r × OutputSize + t whatever the output's shape.
    private Tensor Run(Tensor batch)
    {
        _inputs[0] = batch;
        return _graph.Forward(_inputs, training: false)[0];
    }

    private Tensor Batch(int rows) => Tensor.Ensure(ref _batch, rows, InputShape);

    private void CheckGradientInput(ReadOnlySpan<float> input, int target)
    {
        CheckInput(input, nameof(input));
        CheckTarget(target);
        if (IsTokenInput)
            throw new InvalidOperationException($"Input '{_graph.Inputs[0].Name}' holds token ids, which have no gradient: " +
                "explain it by occlusion (leave one token out).");
    }

    private void CheckInput(ReadOnlySpan<float> input, string name)
    {
        if (input.Length != InputSize)
            throw new ArgumentException($"The input has {input.Length} values but the network takes {InputSize} " +
                $"{Tensor.FormatShape(InputShape)}.", name);
    }

    private void CheckTarget(int target)
    {
        if (target < 0 || target >= OutputSize)
            throw new ArgumentOutOfRangeException(nameof(target), target, $"The target must be an output unit from 0 to {OutputSize - 1}.");
    }
}
