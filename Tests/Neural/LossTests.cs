using MLExt.Neural;

namespace MLExt.Tests.Neural;

public class LossTests
{
    private static readonly int[] Shape = [3, 4];

    /// <summary>Each loss with a generator of valid targets for it.</summary>
    private static (Loss Loss, Func<RandomSource, int[], Tensor> Targets) Case(string name) => name switch
    {
        "HuberLoss(0.5)" => (new HuberLoss(0.5f), Gaussian),
        nameof(MeanSquaredError) => (new MeanSquaredError(), Gaussian),
        nameof(MeanAbsoluteError) => (new MeanAbsoluteError(), Gaussian),
        nameof(HuberLoss) => (new HuberLoss(), Gaussian),
        nameof(BinaryCrossEntropyWithLogits) => (new BinaryCrossEntropyWithLogits(), (r, s) => TestTensors.Uniform(r, s, 0f, 1f)),
        nameof(SoftmaxCrossEntropy) => (new SoftmaxCrossEntropy(), ProbabilityRows),
        nameof(HingeLoss) => (new HingeLoss(), (r, s) => Labels(r, s)),
        nameof(BernoulliReconstructionLoss) => (new BernoulliReconstructionLoss(), (r, s) => TestTensors.Uniform(r, s, 0f, 1f)),
        nameof(GaussianReconstructionLoss) => (new GaussianReconstructionLoss(), Gaussian),
        "GaussianReconstructionLoss(0.3)" => (new GaussianReconstructionLoss(0.3f), Gaussian),
        _ => throw new ArgumentException(name),
    };

    public static TheoryData<string> Names() =>
    [
        nameof(MeanSquaredError), nameof(MeanAbsoluteError), nameof(HuberLoss), "HuberLoss(0.5)",
        nameof(BinaryCrossEntropyWithLogits), nameof(SoftmaxCrossEntropy), nameof(HingeLoss),
        nameof(BernoulliReconstructionLoss), nameof(GaussianReconstructionLoss), "GaussianReconstructionLoss(0.3)",
    ];

    public static TheoryData<string, float[], float[], int[], double, float[]> HandComputed() => new()
    {
        // d = p − t = [1, 0, −2, 0.5]
        { nameof(MeanSquaredError), [1, 2, 3, 4], [0, 2, 5, 3.5f], [2, 2], 5.25 / 4, [0.5f, 0, -1, 0.25f] },
        { nameof(MeanAbsoluteError), [1, 2, 3, 4], [0, 2, 5, 3.5f], [2, 2], 3.5 / 4, [0.25f, 0, -0.25f, 0.25f] },
        { nameof(HuberLoss), [1, 2, 3, 4], [0, 2, 5, 3.5f], [2, 2], (0.5 + 1.5 + 0.125) / 4, [0.25f, 0, -0.25f, 0.125f] },
        { "HuberLoss(0.5)", [1, 2, 3, 4], [0, 2, 5, 3.5f], [2, 2], (0.375 + 0.875 + 0.125) / 4, [0.125f, 0, -0.125f, 0.125f] },
        // log 2, 2 + log(1 + e⁻²), 0.25 + log(1 + e⁻¹); (σ(z) − t)/3
        { nameof(BinaryCrossEntropyWithLogits), [0, 2, -1], [1, 0, 0.25f], [3], 1.1277789597, [-1f / 6, 0.29359903f, 0.0063138071f] },
        // −log softmax([1, 2, 3])₂ and log 3; (softmax − t)/2
        { nameof(SoftmaxCrossEntropy), [1, 2, 3, 0, 0, 0], [0, 0, 1, 0.5f, 0.5f, 0], [2, 3], 0.7531091266,
            [0.045015287f, 0.12236424f, -0.16737952f, -1f / 12, -1f / 12, 1f / 6] },
        // Summed over a row's pixels, averaged over rows: the cross-entropies above summed over one row; σ(z) − t
        { nameof(BernoulliReconstructionLoss), [0, 2, -1], [1, 0, 0.25f], [1, 3], 3.3833368791, [-0.5f, 0.88079708f, 0.018941421f] },
        // (d²/2 + ½·log 2π) summed over 4 values, over 2 rows; d/2
        { nameof(GaussianReconstructionLoss), [1, 2, 3, 4], [0, 2, 5, 3.5f], [2, 2], (2.625 + 4 * 0.9189385332046727) / 2, [0.5f, 0, -1, 0.25f] },
        // σ = 0.3: d²/(2·0.09) + ½·log(2π·0.09) for d = 1, one row
        { "GaussianReconstructionLoss(0.3)", [2], [1], [1, 1], 1 / 0.18 + 0.5 * Math.Log(2 * Math.PI * 0.09), [1 / 0.09f] },
        // y = [1, −1, −1, 1, 1, −1], y·p = [0.5, 2, −3, 0.2, 0.95, 1]: the last is on the hinge, where the slope is 0
        { nameof(HingeLoss), [0.5f, -2, 3, 0.2f, 0.95f, -1], [1, 0, 0, 1, 1, 0], [6], 5.35 / 6, [-1f / 6, 0, 1f / 6, -1f / 6, -1f / 6, 0] },
    };

    [Theory]
    [MemberData(nameof(HandComputed))]
    public void HandComputedValueAndGradient(string name, float[] prediction, float[] target, int[] shape, double expected, float[] gradient)
    {
        var loss = Case(name).Loss;
        float value = loss.Forward(new Tensor(prediction, shape), new Tensor(target, shape));
        Assert.Equal(expected, value, 1e-6);
        var g = loss.Backward();
        Assert.Equal(shape, g.Shape);
        TestTensors.AssertClose(gradient, g.Span, 1e-6, $"{loss.Name} gradient");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void GradientMatchesFiniteDifferences(string name)
    {
        var (loss, targets) = Case(name);
        var random = new RandomSource(21);
        var prediction = TestTensors.Gaussian(random, Shape, 2f);
        var target = targets(random, Shape);
        loss.Forward(prediction, target);
        var analytic = loss.Backward().Clone();
        GradientCheck.AssertMatches($"{name} dL/dp", prediction.Data, analytic.Span, () => loss.Forward(prediction, target));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void BackwardBelongsToTheLastForwardAndReusesItsBuffer(string name)
    {
        var (loss, targets) = Case(name);
        Assert.Throws<InvalidOperationException>(() => loss.Backward());
        var random = new RandomSource(5);
        var prediction = TestTensors.Gaussian(random, Shape);
        var target = targets(random, Shape);
        loss.Forward(prediction, target);
        var first = loss.Backward();
        var expected = first.Clone();
        prediction.Span.Fill(0.25f); // a caller reusing its buffer must not change the gradient already asked for
        TestTensors.AssertIdentical(expected, loss.Backward(), $"{name} gradient");
        loss.Forward(prediction, target);
        Assert.Same(first, loss.Backward());
    }

    [Theory]
    [InlineData(1000f, 0f, 1000.0, 1f)]
    [InlineData(1000f, 1f, 0.0, 0f)]
    [InlineData(-1000f, 1f, 1000.0, -1f)]
    [InlineData(-1000f, 0f, 0.0, 0f)]
    [InlineData(-1000f, 0.5f, 500.0, -0.5f)]
    public void BinaryCrossEntropyIsStableForHugeLogits(float logit, float target, double expected, float gradient)
    {
        var loss = new BinaryCrossEntropyWithLogits();
        Assert.Equal(expected, loss.Forward(new Tensor([logit], 1, 1), new Tensor([target], 1, 1)), 1e-3);
        Assert.Equal(gradient, loss.Backward()[0]);
    }

    [Fact]
    public void SoftmaxCrossEntropyIsStableForHugeLogits()
    {
        var loss = new SoftmaxCrossEntropy();
        var logits = new Tensor([1000f, -1000f, 0f, 1000f, -1000f, 0f], 2, 3);
        var target = new Tensor([1f, 0f, 0f, 0f, 1f, 0f], 2, 3);
        // row 0: −log softmax = 0; row 1: lse − z₁ = 1000 + 1000
        Assert.Equal(1000.0, loss.Forward(logits, target), 1e-3);
        Assert.Equal([0f, 0f, 0f, 0.5f, -0.5f, 0f], loss.Backward().Span.ToArray());
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void MismatchedShapesNameBothShapes(string name)
    {
        var (loss, targets) = Case(name);
        var random = new RandomSource(3);
        var error = Assert.ThrowsAny<ArgumentException>(() => loss.Forward(TestTensors.Gaussian(random, [2, 3]), targets(random, [3, 2])));
        Assert.Contains("[2, 3]", error.Message);
        Assert.Contains("[3, 2]", error.Message);
        Assert.Contains(loss.Name, error.Message);
        Assert.Throws<InvalidOperationException>(() => loss.Backward());
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void EmptyBatchesThrow(string name) =>
        Assert.ThrowsAny<ArgumentException>(() => Case(name).Loss.Forward(new Tensor(0, 3), new Tensor(0, 3)));

    [Theory]
    [InlineData(nameof(BinaryCrossEntropyWithLogits), 1.5f, "1.5")]
    [InlineData(nameof(BinaryCrossEntropyWithLogits), -0.25f, "-0.25")]
    [InlineData(nameof(BinaryCrossEntropyWithLogits), float.NaN, "NaN")]
    [InlineData(nameof(BernoulliReconstructionLoss), 1.5f, "1.5")]
    [InlineData(nameof(BernoulliReconstructionLoss), -0.25f, "-0.25")]
    [InlineData(nameof(GaussianReconstructionLoss), float.NaN, "NaN")]
    [InlineData(nameof(HingeLoss), 0.5f, "0.5")]
    [InlineData(nameof(HingeLoss), -1f, "-1")]
    [InlineData(nameof(SoftmaxCrossEntropy), -0.25f, "-0.25")]
    [InlineData(nameof(SoftmaxCrossEntropy), 1.5f, "1.5")]
    [InlineData(nameof(MeanSquaredError), float.PositiveInfinity, "Infinity")]
    [InlineData(nameof(MeanAbsoluteError), float.NaN, "NaN")]
    [InlineData(nameof(HuberLoss), float.NaN, "NaN")]
    public void TargetsOutOfRangeThrowNamingLossAndValue(string name, float bad, string shown)
    {
        var (loss, targets) = Case(name);
        var random = new RandomSource(9);
        var target = targets(random, Shape);
        target[5] = bad;
        var error = Assert.ThrowsAny<ArgumentException>(() => loss.Forward(TestTensors.Gaussian(random, Shape), target));
        Assert.Contains(name, error.Message);
        Assert.Contains(shown, error.Message);
    }

    [Fact]
    public void SoftmaxCrossEntropyRejectsRowsThatDoNotSumToOneAndNonMatrices()
    {
        var loss = new SoftmaxCrossEntropy();
        var error = Assert.Throws<ArgumentException>(() => loss.Forward(new Tensor(2, 2), new Tensor([1f, 0f, 1f, 1f], 2, 2)));
        Assert.Contains("row 1 sums to 2", error.Message);
        error = Assert.Throws<ArgumentException>(() => loss.Forward(new Tensor(4), new Tensor([0f, 1f, 0f, 0f], 4)));
        Assert.Contains("[4]", error.Message);
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(-1f)]
    [InlineData(float.NaN)]
    public void HuberDeltaMustBePositive(float delta) =>
        Assert.Equal("delta", Assert.Throws<ArgumentOutOfRangeException>(() => new HuberLoss(delta)).ParamName);

    [Theory]
    [InlineData(0f)]
    [InlineData(-1f)]
    [InlineData(float.PositiveInfinity)]
    public void GaussianReconstructionStandardDeviationMustBePositive(float sigma) =>
        Assert.Equal("standardDeviation", Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianReconstructionLoss(sigma)).ParamName);

    [Fact]
    public void BernoulliReconstructionRefusesPixelsOutsideTheUnitIntervalSayingWhy()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new BernoulliReconstructionLoss().Forward(new Tensor(2, 3), new Tensor([0f, 0.5f, 1f, 0f, 255f, 0f], 2, 3)));
        Assert.Contains("BernoulliReconstructionLoss", error.Message);
        Assert.Contains("pixel values", error.Message);
        Assert.Contains("[0, 1]", error.Message);
        Assert.Contains("255", error.Message);
    }

    private static Tensor Gaussian(RandomSource random, int[] shape) => TestTensors.Gaussian(random, shape);

    private static Tensor Labels(RandomSource random, int[] shape)
    {
        var t = new Tensor(shape);
        for (int i = 0; i < t.Length; i++) t[i] = random.NextInt(2);
        return t;
    }

    private static Tensor ProbabilityRows(RandomSource random, int[] shape)
    {
        var t = TestTensors.Uniform(random, shape, 0.05f, 1f);
        for (int r = 0; r < t.Rows; r++)
        {
            var row = t.Row(r);
            float sum = row.ToArray().Sum();
            for (int j = 0; j < row.Length; j++) row[j] /= sum;
        }
        return t;
    }
}
