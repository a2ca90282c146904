using System.Numerics.Tensors;

namespace MLExt.Neural;

/// <summary>
/// A variational autoencoder over images with Bernoulli pixels, as a <see cref="ModelGraph"/>: input <c>image</c> →
/// encoder → [μ, log σ²] (2k values) → <see cref="GaussianSampling"/> (z = μ + σ·ε, ε from the layer's seeded generator,
/// with the KL term) → decoder → output <c>reconstruction</c> (one logit per pixel). The loss is the negative ELBO in
/// nats per image: the Bernoulli reconstruction term summed over pixels (<see cref="BernoulliReconstructionLoss"/>)
/// plus KL(q(z | x) ‖ N(0, I)), both averaged over images. The sampling layer samples at inference too, as PyTorch's
/// example does, so that <see cref="Evaluate"/> estimates the ELBO on test images; <see cref="EncodeMean"/> gives μ.
/// </summary>
public sealed partial class VariationalAutoencoder
{
    /// <summary>The graph input (and the reconstruction's target column).</summary>
    public const string ImageName = "image";

    /// <summary>The graph output: one logit per pixel.</summary>
    public const string ReconstructionName = "reconstruction";

    private readonly Layer[] _encoder, _decoder;
    private Tensor? _z;

    private VariationalAutoencoder(int[] imageShape, Layer[] encoder, Layer[] decoder, int latent, RandomSource random)
    {
        ImageShape = imageShape;
        LatentSize = latent;
        _encoder = encoder;
        _decoder = decoder;
        Sampling = new GaussianSampling(sampleAtInference: true);
        var g = new GraphBuilder();
        var code = g.Apply(g.Apply(g.Input(ImageName, imageShape), encoder), Sampling);
        g.Output(ReconstructionName, g.Apply(code, decoder));
        Graph = g.Build(random);
    }

    /// <summary>The model: <c>image</c> → <c>reconstruction</c> logits.</summary>
    public ModelGraph Graph { get; }

    /// <summary>The reparameterisation layer, whose <see cref="GaussianSampling.LossTerm"/> is the batch's mean KL.</summary>
    public GaussianSampling Sampling { get; }

    /// <summary>k, the latent dimensions.</summary>
    public int LatentSize { get; }

    /// <summary>One image's shape ([pixels] for the MLP, [1, side, side] for the convolutional model).</summary>
    public int[] ImageShape { get; }

    /// <summary>The encoder's layers: image → [μ, log σ²].</summary>
    public IReadOnlyList<Layer> Encoder => _encoder;

    /// <summary>The decoder's layers: z → pixel logits.</summary>
    public IReadOnlyList<Layer> Decoder => _decoder;

    /// <summary>
    /// The MLP VAE of PyTorch's example: pixels → <paramref name="hidden"/> (ReLU) → 2k; z → <paramref name="hidden"/>
    /// (ReLU) → pixels.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1; the message names it.</exception>
    public static VariationalAutoencoder Mlp(RandomSource random, int pixels = 784, int hidden = 400, int latent = 20)
    {
        ArgumentNullException.ThrowIfNull(random);
        CheckAtLeastOne(pixels, nameof(pixels));
        CheckAtLeastOne(hidden, nameof(hidden));
        CheckAtLeastOne(latent, nameof(latent));
        return new([pixels], [new Dense(hidden, Activation.Relu), new Dense(2 * latent)],
            [new Dense(hidden, Activation.Relu), new Dense(pixels)], latent, random);
    }

    /// <summary>The training objective: the Bernoulli reconstruction of the input (the KL term comes from the sampling layer).</summary>
    public GraphObjective Objective() =>
        new(Graph, new OutputLoss(ReconstructionName, new BernoulliReconstructionLoss(), target: ImageName));

    /// <summary>Images (rows of grey values in [0, 1], row-major) as the graph's data.</summary>
    /// <exception cref="ArgumentException">The values are not whole images.</exception>
    public GraphData Data(float[] images) => new GraphData().Add(ImageName, images, ImageShape);

    /// <summary>
    /// The negative ELBO of <paramref name="images"/> in nats per image, with its two parts: reconstruction (summed over
    /// pixels) and KL, averaged over images, each image's z drawn once from q(z | x) by the sampling layer.
    /// </summary>
    /// <exception cref="ArgumentException">A pixel is outside [0, 1] (the loss names it), or the values are not whole images.</exception>
    public (double NegativeElbo, double Reconstruction, double Kl) Evaluate(float[] images, int batchSize = 500)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var data = Data(images);
        var loss = new BernoulliReconstructionLoss();
        int size = Tensor.Product(ImageShape);
        double reconstruction = 0, kl = 0;
        for (int start = 0; start < data.Count; start += batchSize)
        {
            int count = Math.Min(batchSize, data.Count - start);
            var batch = new Tensor(images.AsSpan(start * size, count * size).ToArray(), Tensor.BatchShape(count, ImageShape));
            var logits = Graph.Forward([batch], training: false)[0];
            reconstruction += loss.Forward(logits, batch) * (double)count;
            kl += Sampling.LossTerm * (double)count;
        }
        return ((reconstruction + kl) / data.Count, reconstruction / data.Count, kl / data.Count);
    }

    /// <summary>μ of q(z | x) for a batch of images [n, ...ImageShape]: [n, k].</summary>
    public Tensor EncodeMean(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        var h = images;
        foreach (var layer in _encoder) h = layer.Forward(h, training: false);
        var mean = new Tensor(h.Rows, LatentSize);
        for (int i = 0; i < h.Rows; i++) h.Row(i)[..LatentSize].CopyTo(mean.Row(i));
        return mean;
    }

    /// <summary>The decoder's pixel probabilities σ(logits) for latent codes [n, k]: [n, ...ImageShape].</summary>
    public Tensor Decode(Tensor z)
    {
        ArgumentNullException.ThrowIfNull(z);
        if (z.Rank != 2 || z.RowLength != LatentSize)
            throw new ArgumentException($"Decode needs latent codes [n, {LatentSize}], got {z.ShapeText}.", nameof(z));
        var h = z;
        foreach (var layer in _decoder) h = layer.Forward(h, training: false);
        var pixels = h.Clone();
        TensorPrimitives.Sigmoid(pixels.Span, pixels.Span);
        return pixels;
    }

    /// <summary>Decodes <paramref name="count"/> codes drawn from the prior N(0, I) with <paramref name="random"/>.</summary>
    public Tensor SamplePrior(int count, RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var z = Tensor.Ensure(ref _z, count, LatentSize);
        for (int i = 0; i < z.Length; i++) z[i] = random.NextGaussian();
        return Decode(z);
    }

    private static void CheckAtLeastOne(int value, string name)
    {
        if (value < 1) throw new ArgumentOutOfRangeException(name, value, $"The VAE's {name} size must be at least 1.");
    }
}
