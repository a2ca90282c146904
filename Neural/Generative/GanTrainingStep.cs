namespace MLExt.Neural;

/// <summary>
/// The GAN step over two <see cref="ModelGraph"/>s (Goodfellow et al. 2014, DCGAN's recipe): the loop trains the
/// discriminator graph D on batches of real images; each batch the step draws as many fakes G(z) (z ~ N(0, I), and
/// uniformly drawn classes for a conditional GAN), then
/// <list type="number">
/// <item>updates D with its optimiser on L_D = BCE(D(x), 1 − s) + BCE(D(G(z)), 0) (the first term is the loop's
/// objective, whose target column holds 1 − s: one-sided label smoothing);</item>
/// <item>updates G with its optimiser on the non-saturating loss L_G = BCE(D(G(z)), 1) = mean softplus(−D(G(z))),
/// whose gradient reaches G through D's input gradient.</item>
/// </list>
/// The batch loss reported to the loop is L_D; <see cref="DiscriminatorLoss"/> and <see cref="GeneratorLoss"/> hold
/// both losses averaged since <see cref="ResetLosses"/>. The noise comes from the step's own seeded generator.
/// </summary>
public sealed class GanTrainingStep : TrainingStep
{
    private readonly ModelGraph _generator, _discriminator;
    private readonly Optimizer[] _optimizers;
    private readonly RandomSource _random;
    private readonly int _noiseSize, _classes, _noiseInput, _generatorClassInput, _imageInput, _discriminatorClassInput;
    private readonly Tensor[] _generatorInputs, _fakeInputs;
    private readonly Tensor?[] _logitGradient = new Tensor?[1];
    private readonly BinaryCrossEntropyWithLogits _fakeLoss = new(), _generatorLoss = new();
    private Tensor? _zeros, _ones;
    private double _discriminatorSum, _generatorSum;
    private int _steps;

    /// <summary>Pairs a generator and a discriminator built with the <see cref="GanNames"/> inputs and outputs.</summary>
    /// <param name="generator">Inputs <see cref="GanNames.Noise"/> [noise] (and <see cref="GanNames.Class"/> [classes]
    /// when conditional); one output, the image.</param>
    /// <param name="discriminator">Input <see cref="GanNames.Image"/> of the generator's output shape (and
    /// <see cref="GanNames.Class"/>); one output, the logit [1].</param>
    /// <param name="discriminatorOptimizer">Updates D (listed first in <see cref="Optimizers"/>).</param>
    /// <param name="generatorOptimizer">Updates G.</param>
    /// <param name="random">Draws the noise and the fake classes.</param>
    /// <exception cref="ArgumentException">The graphs do not fit each other; the message names the node or input.</exception>
    public GanTrainingStep(ModelGraph generator, ModelGraph discriminator, Optimizer discriminatorOptimizer, Optimizer generatorOptimizer,
        RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(discriminator);
        ArgumentNullException.ThrowIfNull(discriminatorOptimizer);
        ArgumentNullException.ThrowIfNull(generatorOptimizer);
        ArgumentNullException.ThrowIfNull(random);
        GanGraphs.Check(generator, discriminator);
        _generator = generator;
        _discriminator = discriminator;
        _optimizers = [discriminatorOptimizer, generatorOptimizer];
        _random = random;
        _noiseInput = generator.InputIndex(GanNames.Noise);
        _noiseSize = generator.Inputs[_noiseInput].Shape[0];
        _classes = GanGraphs.Classes(generator);
        _generatorClassInput = _classes > 0 ? generator.InputIndex(GanNames.Class) : -1;
        _imageInput = discriminator.InputIndex(GanNames.Image);
        _discriminatorClassInput = _classes > 0 ? discriminator.InputIndex(GanNames.Class) : -1;
        _generatorInputs = generator.Inputs.Select(i => new Tensor(Tensor.BatchShape(0, i.Shape))).ToArray();
        _fakeInputs = new Tensor[discriminator.Inputs.Count];
    }

    /// <summary>The discriminator's optimiser, then the generator's.</summary>
    public override IReadOnlyList<Optimizer> Optimizers => _optimizers;

    /// <summary>The generator being trained.</summary>
    public ModelGraph Generator => _generator;

    /// <summary>The discriminator being trained.</summary>
    public ModelGraph Discriminator => _discriminator;

    /// <summary>L_D averaged over the steps since <see cref="ResetLosses"/> (NaN before the first).</summary>
    public double DiscriminatorLoss => _steps == 0 ? double.NaN : _discriminatorSum / _steps;

    /// <summary>L_G averaged over the steps since <see cref="ResetLosses"/> (NaN before the first).</summary>
    public double GeneratorLoss => _steps == 0 ? double.NaN : _generatorSum / _steps;

    /// <summary>Starts new averages of the two losses (at an epoch's start, say).</summary>
    public void ResetLosses() => (_discriminatorSum, _generatorSum, _steps) = (0, 0, 0);

    /// <inheritdoc/>
    public override float Run(TrainingBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (!ReferenceEquals(batch.Graph, _discriminator))
            throw new ArgumentException("The GAN step trains the discriminator graph it was made with; pass that graph to " +
                "TrainingLoop.Fit.", nameof(batch));
        DrawGeneratorInputs(batch.Rows);
        var fake = _generator.Forward(_generatorInputs, training: true)[0];

        _discriminator.ZeroGradients();
        float discriminatorLoss = DiscriminatorGradients(batch.Inputs, batch.Objective, batch.Targets, fake);
        batch.CheckLoss(discriminatorLoss);
        batch.Update(_optimizers[0], _discriminator.Parameters);

        float generatorLoss = GeneratorGradients(fake);
        batch.CheckLoss(generatorLoss);
        batch.Update(_optimizers[1], _generator.Parameters);
        batch.LearningRate = _optimizers[1].LearningRate;
        _discriminatorSum += discriminatorLoss;
        _generatorSum += generatorLoss;
        _steps++;
        return discriminatorLoss;
    }

    /// <summary>
    /// Zeroes G's gradients and accumulates ∂L_G/∂θ_G for the non-saturating loss L_G = mean softplus(−D(G(z, c), c)) at
    /// <paramref name="generatorInputs"/> (in G's input order); returns L_G. D's gradients are touched too (zero them
    /// before D's own update). For tests and research code: <see cref="Run"/> does this each step.
    /// </summary>
    public float ComputeGeneratorGradients(IReadOnlyList<Tensor> generatorInputs)
    {
        ArgumentNullException.ThrowIfNull(generatorInputs);
        var fake = _generator.Forward(generatorInputs, training: true)[0];
        if (_classes > 0) _fakeInputs[_discriminatorClassInput] = generatorInputs[_generatorClassInput];
        return GeneratorGradients(fake);
    }

    // ∂L_G/∂θ_G: D forward on the fakes, dL/dlogit = σ(l) − 1 (BCE towards 1), back through D to its image input,
    // then through G to its parameters.
    private float GeneratorGradients(Tensor fake)
    {
        _generator.ZeroGradients();
        _fakeInputs[_imageInput] = fake;
        var logits = _discriminator.Forward(_fakeInputs, training: true)[0];
        float loss = _generatorLoss.Forward(logits, Constant(ref _ones, logits.Rows, 1f));
        _logitGradient[0] = _generatorLoss.Backward();
        var imageGradient = _discriminator.Backward(_logitGradient)[_imageInput];
        _logitGradient[0] = imageGradient;
        _generator.BackwardParametersOnly(_logitGradient);
        return loss;
    }

    // ∂L_D/∂θ_D accumulated over the real batch (the loop's objective) and the fakes (towards 0).
    private float DiscriminatorGradients(IReadOnlyList<Tensor> realInputs, GraphObjective objective, IReadOnlyList<Tensor> targets, Tensor fake)
    {
        var realOutputs = _discriminator.Forward(realInputs, training: true);
        float realLoss = objective.Forward(realOutputs, targets);
        _discriminator.BackwardParametersOnly(objective.Backward());

        _fakeInputs[_imageInput] = fake;
        var logits = _discriminator.Forward(_fakeInputs, training: true)[0];
        float fakeLoss = _fakeLoss.Forward(logits, Constant(ref _zeros, logits.Rows, 0f));
        _logitGradient[0] = _fakeLoss.Backward();
        _discriminator.BackwardParametersOnly(_logitGradient);
        return realLoss + fakeLoss;
    }

    // z ~ N(0, I) and, when conditional, a uniformly drawn class per fake, one-hot, shared by G and D.
    private void DrawGeneratorInputs(int rows)
    {
        var noise = _generatorInputs[_noiseInput];
        if (noise.Rows != rows) noise.Resize(rows, _noiseSize);
        var z = noise.Span;
        for (int i = 0; i < z.Length; i++) z[i] = _random.NextGaussian();
        if (_classes == 0) return;
        var classes = _generatorInputs[_generatorClassInput];
        if (classes.Rows != rows) classes.Resize(rows, _classes);
        GanGraphs.OneHot(classes, rows, _ => _random.NextInt(_classes));
        _fakeInputs[_discriminatorClassInput] = classes;
    }

    private static Tensor Constant(ref Tensor? buffer, int rows, float value)
    {
        if (buffer is null || buffer.Rows != rows)
        {
            buffer = new Tensor(rows, 1);
            buffer.Span.Fill(value);
        }
        return buffer;
    }
}
