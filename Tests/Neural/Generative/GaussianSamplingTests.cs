using MLExt.Neural;
using MLExt.Tests.Neural.Sequence;

namespace MLExt.Tests.Neural.Generative;

public class GaussianSamplingTests
{
    private static readonly int[] Shape = [6];

    private static Tensor Posterior() => TestTensors.Gaussian(new RandomSource(4), [5, 6]);

    [Fact]
    public void InferenceReturnsTheMeanUnlessSamplingIsAskedFor()
    {
        var mean = new GaussianSampling();
        mean.Build(Shape, new RandomSource(1));
        var x = Posterior();
        var y = mean.Forward(x, training: false);
        for (int b = 0; b < 5; b++) TestTensors.AssertIdentical(new Tensor(x.Row(b)[..3].ToArray(), 3), new Tensor(y.Row(b).ToArray(), 3), "μ");

        var sampling = new GaussianSampling(sampleAtInference: true);
        sampling.Build(Shape, new RandomSource(1));
        var sampled = sampling.Forward(x, training: false).Clone();
        Assert.True(sampled.Span.ToArray().Zip(y.Span.ToArray()).All(p => p.First != p.Second), "sampling at inference moves every z off μ");
    }

    [Fact]
    public void TheSameSeedDrawsTheSameEpsilon()
    {
        Tensor Draw(int seed)
        {
            var layer = new GaussianSampling(sampleAtInference: true);
            layer.Build(Shape, new RandomSource(seed));
            return layer.Forward(Posterior(), training: false).Clone();
        }
        TestTensors.AssertIdentical(Draw(7), Draw(7), "z with seed 7");
        Assert.NotEqual(Draw(7).Span.ToArray(), Draw(8).Span.ToArray());
    }

    [Fact]
    public void SamplingAtInferenceConformsAndRoundTrips()
    {
        LayerConformance.CheckAll(() => new GaussianSampling(0.3f, sampleAtInference: true), Shape, 0, SequenceTestKit.Pin);
        var config = new GaussianSampling(0.3f, sampleAtInference: true).GetConfig();
        Assert.True(((GaussianSampling)Layer.FromConfig(config)).SampleAtInference);
        // A configuration written before the option existed returns the mean at inference.
        var old = new LayerConfig(nameof(GaussianSampling)).Set("klWeight", 1f);
        Assert.False(((GaussianSampling)Layer.FromConfig(old)).SampleAtInference);
    }

    [Fact]
    public void OnnxExportOfAnInferenceSamplerIsRefusedNamingTheOption()
    {
        var network = new Network([new Dense(6), new GaussianSampling(sampleAtInference: true)]);
        network.Build([4], new RandomSource(1));
        var error = Assert.Throws<NotSupportedException>(() => network.ExportOnnx());
        Assert.Contains("GaussianSampling", error.Message);
        Assert.Contains("sampleAtInference", error.Message);
    }
}
