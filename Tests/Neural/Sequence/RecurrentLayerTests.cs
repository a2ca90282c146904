using MLExt.Neural;

namespace MLExt.Tests.Neural.Sequence;

public sealed class RecurrentLayerTests
{
    private const int Features = 3, Units = 4;
    private static readonly int[] Input = [SequenceInputs.Steps, Features];

    public static TheoryData<string, bool, bool> Cases()
    {
        var data = new TheoryData<string, bool, bool>();
        foreach (var kind in new[] { "SimpleRnn", "SimpleRnnRelu", "SimpleRnnSigmoid", "Lstm", "Gru" })
            foreach (bool sequences in new[] { false, true })
                foreach (bool masked in new[] { false, true })
                    data.Add(kind, sequences, masked);
        return data;
    }

    internal static RecurrentLayer Make(string kind, bool returnSequences) => kind switch
    {
        "SimpleRnn" => new SimpleRnn(Units, returnSequences: returnSequences),
        "SimpleRnnRelu" => new SimpleRnn(Units, Activation.Relu, returnSequences),
        "SimpleRnnSigmoid" => new SimpleRnn(Units, Activation.Sigmoid, returnSequences),
        "Lstm" => Layer.Lstm(Units, returnSequences),
        "Gru" => Layer.Gru(Units, returnSequences),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    internal static int ParameterCount(string kind) => kind switch
    {
        "Lstm" => 4 * (Features * Units + Units * Units + Units),
        "Gru" => 3 * (Features * Units + Units * Units + 2 * Units),
        _ => Features * Units + Units * Units + Units,
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Conforms(string kind, bool returnSequences, bool masked) =>
        LayerConformance.CheckAll(() => Make(kind, returnSequences), Input, ParameterCount(kind), input: SequenceInputs.Features(masked));

    [Theory]
    [InlineData("SimpleRnn")]
    [InlineData("Lstm")]
    [InlineData("Gru")]
    public void PaddingHasNoEffectAndGetsNoGradient(string kind)
    {
        foreach (bool sequences in new[] { false, true })
            PaddingChecks.AssertInert(() => Make(kind, sequences), Input, zeroOutputAtPadding: sequences);
    }

    [Theory]
    [InlineData("SimpleRnn")]
    [InlineData("Lstm")]
    [InlineData("Gru")]
    public void APaddedSequenceEndsInTheStateOfItsUnpaddedSelf(string kind)
    {
        // Same seed, same weights (their shapes do not depend on the length): 3 real steps of 5 against 3 of 3.
        var padded = Make(kind, false);
        padded.Build(Input, new RandomSource(9));
        var shortLayer = Make(kind, false);
        shortLayer.Build([3, Features], new RandomSource(9));
        var x = TestTensors.Gaussian(new RandomSource(10), [1, SequenceInputs.Steps, Features]);
        var mask = new Tensor([1f, 1f, 1f, 0f, 0f], 1, SequenceInputs.Steps);
        padded.SetInputMask(mask);
        var last = padded.Forward(x, false).Clone();
        var truncated = new Tensor(x.Span[..(3 * Features)].ToArray(), 1, 3, Features);
        TestTensors.AssertClose(shortLayer.Forward(truncated, false).Span, last.Span, 1e-6, $"{kind} last state");
    }

    [Fact]
    public void LeftPaddedOrMalformedMasksAreRefusedClearly()
    {
        var layer = new Lstm(Units);
        layer.Build(Input, new RandomSource(1));
        var x = new Tensor(2, SequenceInputs.Steps, Features);
        layer.SetInputMask(new Tensor([1f, 1f, 1f, 1f, 1f, 0f, 0f, 1f, 1f, 1f], 2, SequenceInputs.Steps));
        var e = Assert.Throws<ArgumentException>(() => layer.Forward(x, false));
        Assert.Contains("sequence 1 has padding at step 0 before a real step at 2", e.Message);
        Assert.Contains("right-padded", e.Message);
        layer.SetInputMask(new Tensor(3, SequenceInputs.Steps));
        Assert.Contains("[2, 5]", Assert.Throws<ArgumentException>(() => layer.Forward(x, false)).Message);
        layer.SetInputMask(new Tensor([0.5f, 1f, 1f, 1f, 1f, 1f, 1f, 1f, 1f, 1f], 2, SequenceInputs.Steps));
        Assert.Contains("0.5", Assert.Throws<ArgumentException>(() => layer.Forward(x, false)).Message);
    }

    [Fact]
    public void InitialisationIsOrthogonalPerGateWithForgetBiasOne()
    {
        var layer = new Lstm(Units);
        layer.Build(Input, new RandomSource(3));
        var u = layer.RecurrentKernel.Value;
        for (int gate = 0; gate < 4; gate++)
            for (int a = 0; a < Units; a++)
                for (int b = 0; b < Units; b++)
                {
                    double dot = 0;
                    for (int r = 0; r < Units; r++) dot += (double)u[r * 4 * Units + gate * Units + a] * u[r * 4 * Units + gate * Units + b];
                    Assert.Equal(a == b ? 1.0 : 0.0, dot, 1e-5);
                }
        Assert.Equal([0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 1f, 1f, 1f, 1f, 0f, 0f, 0f, 0f], layer.Bias.Value.Span.ToArray());
    }

    [Fact]
    public void BadSettingsAreRefused()
    {
        Assert.Equal("units", Assert.Throws<ArgumentOutOfRangeException>(() => new Gru(0)).ParamName);
        Assert.Equal("activation", Assert.Throws<ArgumentOutOfRangeException>(() => new SimpleRnn(3, Activation.Softmax)).ParamName);
        var e = Assert.Throws<ArgumentException>(() => new Lstm(3).Build([4], new RandomSource(1)));
        Assert.Contains("[time, features]", e.Message);
    }
}
