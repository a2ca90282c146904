using System.Diagnostics;

namespace MLExt.Neural;

/// <summary>
/// Trains a GAN with <see cref="TrainingLoop"/> and a <see cref="GanTrainingStep"/>, and draws images from a trained
/// generator. Pixels are in [0, 1] at this interface; the networks see them scaled to [−1, 1] (G ends in tanh).
/// </summary>
public static class GanTraining
{
    /// <summary>
    /// Trains <paramref name="generator"/> against <paramref name="discriminator"/> on <paramref name="images"/>
    /// (row-major, <c>n × prod(image shape)</c> values in [0, 1]) with, for a conditional pair, each image's class in
    /// <paramref name="labels"/>. Calls <paramref name="epochEnded"/> after every epoch. Same seed, same weights.
    /// </summary>
    /// <returns>One <see cref="GanEpoch"/> per epoch.</returns>
    /// <exception cref="ArgumentException">The graphs do not fit each other, a pixel is outside [0, 1], or the labels are
    /// missing, of the wrong count or out of range; checked before training.</exception>
    /// <exception cref="SettingOutOfRangeException">A setting is out of range.</exception>
    public static IReadOnlyList<GanEpoch> Fit(ModelGraph generator, ModelGraph discriminator, float[] images, int[]? labels,
        GanOptions options, Action<GanEpoch>? epochEnded = null)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(discriminator);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        GanGraphs.Check(generator, discriminator);
        int classes = GanGraphs.Classes(generator);
        if (classes != options.Classes)
            throw new ArgumentException($"The options say {options.Classes} classes but the generator reads {classes}.", nameof(options));
        var data = Data(discriminator.Inputs[discriminator.InputIndex(GanNames.Image)].Shape, images, labels, classes, options.LabelSmoothing);

        var random = new RandomSource(options.Seed);
        var step = new GanTrainingStep(generator, discriminator, options.CreateOptimizer(), options.CreateOptimizer(), random.Fork());
        var objective = new GraphObjective(discriminator,
            new OutputLoss(GanNames.Logit, new BinaryCrossEntropyWithLogits(), target: GanNames.RealTarget));
        var epochs = new List<GanEpoch>();
        var clock = Stopwatch.StartNew();
        var training = new TrainingOptions
        {
            NumberOfEpochs = options.NumberOfEpochs, BatchSize = options.BatchSize, CancellationToken = options.CancellationToken,
            Progress = new EpochHook(options.Progress, p =>
            {
                if (!p.EpochCompleted) return;
                var epoch = new GanEpoch(p.Epoch, step.DiscriminatorLoss, step.GeneratorLoss, clock.Elapsed);
                epochs.Add(epoch);
                step.ResetLosses();
                epochEnded?.Invoke(epoch);
                clock.Restart();
            }),
        };
        TrainingLoop.Fit(discriminator, data, null, objective, training, random, step);
        return epochs;
    }

    /// <summary>
    /// <paramref name="count"/> images from <paramref name="generator"/> (inference mode), each <c>prod(shape)</c> values
    /// in [0, 1], row after row; z ~ N(0, I) from <paramref name="random"/>. A conditional generator draws image i of
    /// class <paramref name="classes"/>[i].
    /// </summary>
    /// <exception cref="ArgumentException">Classes are missing or out of range for a conditional generator, or given to
    /// an unconditional one.</exception>
    public static float[] Generate(ModelGraph generator, int count, RandomSource random, int[]? classes = null, int batchSize = 256)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        int k = GanGraphs.Classes(generator);
        CheckLabels(classes, count, k, "classes");
        int noiseSize = generator.Inputs[generator.InputIndex(GanNames.Noise)].Shape[0];
        var noise = new float[count * noiseSize];
        for (int i = 0; i < noise.Length; i++) noise[i] = random.NextGaussian();
        var data = new GraphData().Add(GanNames.Noise, noise, noiseSize);
        if (k > 0) data.Add(GanNames.Class, OneHot(classes!, k), k);
        if (count == 0) return [];
        var images = TrainingLoop.Predict(generator, data, batchSize)[0].Span.ToArray();
        // tanh's [−1, 1] back to pixels in [0, 1]
        for (int i = 0; i < images.Length; i++) images[i] = Math.Clamp((images[i] + 1f) * 0.5f, 0f, 1f);
        return images;
    }

    // The discriminator's training data: images scaled to [−1, 1], one-hot classes, and the real target 1 − smoothing.
    private static GraphData Data(int[] imageShape, float[] images, int[]? labels, int classes, float smoothing)
    {
        int size = Tensor.Product(imageShape);
        if (images.Length == 0 || images.Length % size != 0)
            throw new ArgumentException($"The images must be whole rows of {Tensor.FormatShape(imageShape)} = {size} values; got " +
                $"{images.Length} values.", nameof(images));
        int n = images.Length / size;
        var scaled = new float[images.Length];
        for (int i = 0; i < images.Length; i++)
        {
            if (!(images[i] >= 0f && images[i] <= 1f))
                throw new ArgumentException($"Image {i / size + 1}, pixel {i % size + 1} is {images[i]}; GAN pixels must be in [0, 1].", nameof(images));
            scaled[i] = 2f * images[i] - 1f;
        }
        CheckLabels(labels, n, classes, "labels");
        var target = new float[n];
        Array.Fill(target, 1f - smoothing);
        var data = new GraphData().Add(GanNames.Image, scaled, imageShape).Add(GanNames.RealTarget, target, 1);
        return classes > 0 ? data.Add(GanNames.Class, OneHot(labels!, classes), classes) : data;
    }

    private static void CheckLabels(int[]? labels, int count, int classes, string name)
    {
        if (classes == 0)
        {
            if (labels is not null) throw new ArgumentException($"The generator is unconditional; give no {name}.", name);
            return;
        }
        if (labels is null || labels.Length != count)
            throw new ArgumentException($"The generator is conditional on {classes} classes: give one class per image in {name} " +
                $"({count}), got {labels?.Length.ToString() ?? "none"}.", name);
        for (int i = 0; i < labels.Length; i++)
            if (labels[i] < 0 || labels[i] >= classes)
                throw new ArgumentException($"{name}[{i}] is {labels[i]}; classes are 0 to {classes - 1}.", name);
    }

    private static float[] OneHot(int[] labels, int classes)
    {
        var values = new float[labels.Length * classes];
        for (int i = 0; i < labels.Length; i++) values[i * classes + labels[i]] = 1f;
        return values;
    }

    // Reports every progress to the user's sink and, synchronously, to the hook.
    private sealed class EpochHook(IProgress<TrainingProgress>? user, Action<TrainingProgress> hook) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            hook(value);
            user?.Report(value);
        }
    }
}
