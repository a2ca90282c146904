using MLExt.Neural;
using MLExt.Neural.Kernels;

namespace MLExt.Tests.Neural.Images;

public class AugmentationTests
{
    /// <summary>Restores the layer's generator before each forward pass, so training mode is one fixed transform.</summary>
    private static Action Pin(Layer layer)
    {
        var random = ((AugmentationLayer)layer).Random;
        var state = random.GetState();
        return () => random.SetState(state);
    }

    public static TheoryData<string> Layers() =>
        ["flip", "flip-both", "translation", "crop", "rotation", "zoom", "zoom-out", "noise", "brightness", "contrast"];

    private static Layer Make(string name) => name switch
    {
        "flip" => Layer.RandomFlip(),
        "flip-both" => Layer.RandomFlip(horizontal: true, vertical: true),
        "translation" => Layer.RandomTranslation(new Size2D(1, 2)),
        "crop" => Layer.RandomCrop(2),
        "rotation" => Layer.RandomRotation(30f),
        "zoom" => Layer.RandomZoom(0.8f, 1.3f),
        "zoom-out" => Layer.RandomZoom(0.5f, 0.7f),
        "noise" => Layer.GaussianNoise(0.3f),
        "brightness" => Layer.RandomBrightness(0.2f),
        "contrast" => Layer.RandomContrast(0.5f, 1.5f),
        _ => throw new ArgumentException(name),
    };

    private static readonly int[] Image = [2, 5, 6];

    [Theory]
    [MemberData(nameof(Layers))]
    public void Conforms(string name) => LayerConformance.CheckAll(() => Make(name), Image, expectedParameters: 0, Pin);

    [Theory]
    [MemberData(nameof(Layers))]
    public void InferenceIsAnExactIdentity(string name)
    {
        var layer = Make(name);
        layer.Build(Image, new RandomSource(1));
        var x = TestTensors.Gaussian(new RandomSource(2), [4, .. Image]);
        var before = x.Clone();
        var y = layer.Forward(x, training: false);
        Assert.Same(x, y);
        TestTensors.AssertIdentical(before, y, $"{name} at inference");
        var dy = TestTensors.Gaussian(new RandomSource(3), [4, .. Image]);
        Assert.Same(dy, layer.Backward(dy));
    }

    [Theory]
    [MemberData(nameof(Layers))]
    public void SameSeedAugmentsTheSameWayAndBatchesDiffer(string name)
    {
        var x = TestTensors.Uniform(new RandomSource(4), [8, .. Image], 0f, 1f);
        Layer Built(int seed)
        {
            var layer = Make(name);
            layer.Build(Image, new RandomSource(seed));
            return layer;
        }
        var first = Built(7);
        var y1 = first.Forward(x, training: true).Clone();
        TestTensors.AssertIdentical(y1, Built(7).Forward(x, training: true), $"{name} with the same seed");
        Assert.NotEqual(y1.Span.ToArray(), Built(8).Forward(x, training: true).Span.ToArray());
        Assert.NotEqual(y1.Span.ToArray(), first.Forward(x, training: true).Span.ToArray());
    }

    [Fact]
    public void FlipMirrorsAboutHalfOfTheImages()
    {
        var flip = Layer.RandomFlip();
        flip.Build([1, 2, 3], new RandomSource(1));
        var x = new Tensor(Enumerable.Range(0, 400 * 6).Select(i => (float)(i % 6)).ToArray(), 400, 1, 2, 3);
        var y = flip.Forward(x, training: true);
        int mirrored = 0;
        for (int s = 0; s < 400; s++)
        {
            var row = y.Row(s).ToArray();
            if (row.SequenceEqual([2f, 1, 0, 5, 4, 3])) mirrored++;
            else Assert.Equal([0f, 1, 2, 3, 4, 5], row);
        }
        Assert.InRange(mirrored, 200 - 5 * 10, 200 + 5 * 10); // Binomial(400, ½): standard deviation 10
    }

    [Fact]
    public void TranslationShiftsWithinRangeAndFillsZeros()
    {
        var layer = Layer.RandomTranslation(2);
        layer.Build([1, 5, 5], new RandomSource(3));
        var x = new Tensor(Enumerable.Range(1, 50 * 25).Select(i => (float)((i - 1) % 25 + 1)).ToArray(), 50, 1, 5, 5);
        var y = layer.Forward(x, training: true);
        var seen = new HashSet<(int, int)>();
        for (int s = 0; s < 50; s++)
        {
            var shift = Enumerable.Range(-2, 5).SelectMany(dy => Enumerable.Range(-2, 5).Select(dx => (dy, dx)))
                .Where(t => Matches(y.Row(s), t.dy, t.dx)).ToList();
            Assert.Single(shift);
            seen.Add(shift[0]);
        }
        Assert.True(seen.Count > 10, $"only {seen.Count} distinct shifts in 50 images");

        static bool Matches(Span<float> image, int dy, int dx)
        {
            for (int h = 0; h < 5; h++)
                for (int w = 0; w < 5; w++)
                {
                    int sh = h - dy, sw = w - dx;
                    float expected = sh is >= 0 and < 5 && sw is >= 0 and < 5 ? sh * 5 + sw + 1 : 0f;
                    if (image[h * 5 + w] != expected) return false;
                }
            return true;
        }
    }

    [Fact]
    public void AffineWarpOfAQuarterTurnRotatesThePixels()
    {
        float[] x = [1, 2, 3, 4, 5, 6, 7, 8, 9];
        var y = new float[9];
        ImageWarp.Affine(x, y, 1, 3, 3, 0f, 1f, -1f, 0f); // output (h, w) reads source (w, 2 − h)
        Assert.Equal([3f, 6, 9, 2, 5, 8, 1, 4, 7], y);
    }

    [Fact]
    public void ZoomingInByTwoInterpolatesAboutTheCentre()
    {
        float[] x = [0, 0, 0, 0, 4, 0, 0, 0, 0];
        var y = new float[9];
        ImageWarp.Affine(x, y, 1, 3, 3, 0.5f, 0f, 0f, 0.5f); // output p reads c + (p − c)/2
        Assert.Equal([1f, 2, 1, 2, 4, 2, 1, 2, 1], y);
    }

    [Theory]
    [InlineData(0.9f, 0.3f, -0.3f, 0.9f)]
    [InlineData(1.4f, 0f, 0f, 1.4f)]
    [InlineData(0.6f, -0.2f, 0.1f, 0.7f)]
    public void AffineTransposeIsTheAdjoint(float m00, float m01, float m10, float m11)
    {
        var x = TestTensors.Gaussian(new RandomSource(1), [2, 7, 5]);
        var g = TestTensors.Gaussian(new RandomSource(2), [2, 7, 5]);
        var ax = new float[70];
        var atg = new float[70];
        ImageWarp.Affine(x.Span, ax, 2, 7, 5, m00, m01, m10, m11);
        ImageWarp.AffineTranspose(g.Span, atg, 2, 7, 5, m00, m01, m10, m11);
        double left = TestTensors.Dot(ax, g.Span), right = TestTensors.Dot(x.Span, atg);
        Assert.Equal(left, right, 1e-4 * Math.Max(1, Math.Abs(left)));
    }

    [Fact]
    public void GaussianNoiseHasTheRequestedDeviation()
    {
        var noise = Layer.GaussianNoise(0.5f);
        noise.Build([1000], new RandomSource(1));
        var x = TestTensors.Uniform(new RandomSource(2), [10, 1000], -1f, 1f);
        var y = noise.Forward(x, training: true);
        var d = Enumerable.Range(0, x.Length).Select(i => (double)y[i] - x[i]).ToArray();
        double mean = d.Average(), sd = Math.Sqrt(d.Average(v => (v - mean) * (v - mean)));
        Assert.InRange(mean, -5 * 0.5 / 100, 5 * 0.5 / 100); // standard error σ/√10000
        Assert.InRange(sd, 0.5 * 0.96, 0.5 * 1.04);
    }

    [Fact]
    public void BrightnessShiftsEachSampleByOneDeltaInRange()
    {
        var layer = Layer.RandomBrightness(0.2f);
        layer.Build([2, 3, 3], new RandomSource(1));
        var x = TestTensors.Uniform(new RandomSource(2), [20, 2, 3, 3], 0f, 1f);
        var y = layer.Forward(x, training: true);
        for (int s = 0; s < 20; s++)
        {
            float delta = y.Row(s)[0] - x.Row(s)[0];
            Assert.InRange(delta, -0.2f, 0.2f);
            for (int i = 0; i < 18; i++) Assert.Equal(delta, y.Row(s)[i] - x.Row(s)[i], 1e-5f);
        }
    }

    [Fact]
    public void ContrastKeepsEachChannelMeanAndScalesDeviations()
    {
        var layer = Layer.RandomContrast(0.5f, 1.5f);
        layer.Build([2, 4, 4], new RandomSource(1));
        var x = TestTensors.Uniform(new RandomSource(2), [10, 2, 4, 4], 0f, 1f);
        var y = layer.Forward(x, training: true);
        for (int s = 0; s < 10; s++)
            for (int c = 0; c < 2; c++)
            {
                var xc = x.Row(s).Slice(c * 16, 16).ToArray();
                var yc = y.Row(s).Slice(c * 16, 16).ToArray();
                float mean = xc.Average();
                Assert.Equal(mean, yc.Average(), 1e-5f);
                float factor = (yc[0] - mean) / (xc[0] - mean);
                Assert.InRange(factor, 0.5f - 1e-4f, 1.5f + 1e-4f);
                for (int i = 0; i < 16; i++) Assert.Equal(factor * (xc[i] - mean) + mean, yc[i], 1e-4f);
            }
    }

    [Fact]
    public void RotationKeepsMostOfTheMassOfACentredBlob()
    {
        var layer = Layer.RandomRotation(45f);
        layer.Build([1, 9, 9], new RandomSource(1));
        var x = new Tensor([1, 1, 9, 9]);
        for (int h = 3; h < 6; h++)
            for (int w = 3; w < 6; w++) x[h * 9 + w] = 1f;
        var y = layer.Forward(x, training: true);
        Assert.Equal(1f, y[4 * 9 + 4], 1e-5f); // the centre is fixed
        Assert.InRange(y.Span.ToArray().Sum(), 8f, 10f);
    }

    [Fact]
    public void ZeroRangesAreIdentitiesEvenWhileTraining()
    {
        foreach (var layer in new[] { Layer.RandomFlip(false, false), Layer.RandomTranslation(0), Layer.RandomRotation(0f),
                     Layer.RandomZoom(1f, 1f), Layer.GaussianNoise(0f), Layer.RandomBrightness(0f), Layer.RandomContrast(1f, 1f) })
        {
            layer.Build([1, 3, 3], new RandomSource(1));
            var x = TestTensors.Gaussian(new RandomSource(2), [2, 1, 3, 3]);
            Assert.Same(x, layer.Forward(x, training: true));
        }
    }

    [Fact]
    public void BadSettingsAreRejectedWithTheirNames()
    {
        Assert.Equal("maxDegrees", Assert.Throws<ArgumentOutOfRangeException>(() => Layer.RandomRotation(-1f)).ParamName);
        Assert.Equal("minScale", Assert.Throws<ArgumentOutOfRangeException>(() => Layer.RandomZoom(1.2f, 1.1f)).ParamName);
        Assert.Equal("standardDeviation", Assert.Throws<ArgumentOutOfRangeException>(() => Layer.GaussianNoise(float.NaN)).ParamName);
        Assert.Equal("maxDelta", Assert.Throws<ArgumentOutOfRangeException>(() => Layer.RandomBrightness(-0.1f)).ParamName);
        Assert.Equal("lower", Assert.Throws<ArgumentOutOfRangeException>(() => Layer.RandomContrast(1.5f, 1.2f)).ParamName);
        Assert.Equal("maxShift", Assert.Throws<ArgumentOutOfRangeException>(() => Layer.RandomTranslation(-1)).ParamName);
        var error = Assert.Throws<ArgumentException>(() => Layer.RandomFlip().Build([10], new RandomSource(1)));
        Assert.Contains("RandomFlip", error.Message);
    }
}
