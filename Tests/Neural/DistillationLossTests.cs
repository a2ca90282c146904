using MLExt.Neural;

namespace MLExt.Tests.Neural;

/// <summary>α·CE(y, s) + (1 − α)·T²·KL(softmax(t/T) ‖ softmax(s/T)) on targets [label | teacher logits].</summary>
public sealed class DistillationLossTests
{
    private const int Rows = 3, Classes = 4;

    private static (Tensor Student, Tensor Target) Batch(int seed, float teacherShift = 0f)
    {
        var random = new RandomSource(seed);
        var student = TestTensors.Gaussian(random, [Rows, Classes], 2f);
        var teacher = TestTensors.Gaussian(random, [Rows, Classes], 3f);
        var target = new Tensor(Rows, 2 * Classes);
        for (int r = 0; r < Rows; r++)
        {
            target.Row(r)[random.NextInt(Classes)] = 1f;
            for (int j = 0; j < Classes; j++) target.Row(r)[Classes + j] = teacher.Row(r)[j] + teacherShift;
        }
        return (student, target);
    }

    [Theory]
    [InlineData(1f, 0.5f)]
    [InlineData(4f, 0.1f)]
    [InlineData(20f, 0f)]
    [InlineData(0.5f, 1f)]
    public void GradientMatchesFiniteDifferences(float temperature, float alpha)
    {
        var loss = new DistillationLoss(temperature, alpha);
        var (student, target) = Batch(11);
        loss.Forward(student, target);
        var analytic = loss.Backward().Clone();
        GradientCheck.AssertMatches($"distillation T={temperature} α={alpha} dL/ds", student.Data, analytic.Span,
            () => loss.Forward(student, target));
    }

    [Fact]
    public void WithAlphaOneItIsSoftmaxCrossEntropy()
    {
        var (student, target) = Batch(3);
        var labels = new Tensor(Rows, Classes);
        for (int r = 0; r < Rows; r++) target.Row(r)[..Classes].CopyTo(labels.Row(r));
        var reference = new SoftmaxCrossEntropy();
        var distillation = new DistillationLoss(temperature: 4f, alpha: 1f);
        Assert.Equal(reference.Forward(student, labels), distillation.Forward(student, target), 5);
        TestTensors.AssertClose(reference.Backward().Span, distillation.Backward().Span, 1e-6, "dL/ds");
    }

    [Fact]
    public void HandComputedSoftTerm()
    {
        // One row, k = 2, α = 0, T = 2: s = [0, 0], t = [2·ln 3, 0] so softmax(t/T) = [3/4, 1/4], softmax(s/T) = [1/2, 1/2].
        // L = T²·(¾ ln(¾/½) + ¼ ln(¼/½)) ; dL/ds = T·(q − p) = 2·[−¼, ¼].
        var loss = new DistillationLoss(temperature: 2f, alpha: 0f);
        var student = new Tensor([0f, 0f], 1, 2);
        var target = new Tensor([1f, 0f, 2f * MathF.Log(3f), 0f], 1, 4);
        double expected = 4 * (0.75 * Math.Log(1.5) + 0.25 * Math.Log(0.5));
        Assert.Equal(expected, loss.Forward(student, target), 1e-5);
        TestTensors.AssertClose([-0.5f, 0.5f], loss.Backward().Span, 1e-5, "dL/ds");
    }

    [Fact]
    public void LogProbabilitiesServeAsTeacherLogits()
    {
        // softmax is unchanged by a constant per row, so t and t + c (log p is logits − log-sum-exp) teach alike.
        var loss = new DistillationLoss(temperature: 3f, alpha: 0.3f);
        var (student, target) = Batch(5);
        float plain = loss.Forward(student, target);
        var gradient = loss.Backward().Clone();
        var (_, shifted) = Batch(5, teacherShift: -7.25f);
        Assert.Equal(plain, loss.Forward(student, shifted), 5);
        TestTensors.AssertClose(gradient.Span, loss.Backward().Span, 1e-5, "dL/ds");
    }

    [Fact]
    public void AStudentEqualToItsTeacherHasNoSoftLoss()
    {
        var (student, target) = Batch(9);
        for (int r = 0; r < Rows; r++) student.Row(r).CopyTo(target.Row(r).Slice(Classes, Classes));
        var loss = new DistillationLoss(temperature: 5f, alpha: 0f);
        Assert.Equal(0f, loss.Forward(student, target), 6);
        Assert.All(loss.Backward().Span.ToArray(), g => Assert.Equal(0f, g, 6));
    }

    [Fact]
    public void BadSettingsAndShapesAreNamed()
    {
        Assert.Contains("Temperature", Assert.ThrowsAny<ArgumentException>(() => new DistillationLoss(0f, 0.5f)).Message);
        Assert.Contains("Alpha", Assert.ThrowsAny<ArgumentException>(() => new DistillationLoss(2f, 1.5f)).Message);
        var e = Assert.Throws<ArgumentException>(() => new DistillationLoss(2f, 0.5f).Forward(new Tensor(2, 3), new Tensor(2, 3)));
        Assert.Contains("[2, 6]", e.Message);
    }
}
