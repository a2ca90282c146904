using System.Numerics;
using MLExt.Neural;

namespace MLExt.Tests.Neural;

/// <summary>
/// Activations run whole vectors, then the tail one value at a time: a value's result must not depend
/// on which of the two computed it.
/// </summary>
public class ElementwiseTests
{
    public static TheoryData<Activation, float> Functions() => new()
    {
        { Activation.Relu, 0f }, { Activation.LeakyRelu, 0.2f }, { Activation.Sigmoid, 0f }, { Activation.Tanh, 0f },
        { Activation.Elu, 0.7f }, { Activation.Gelu, 0f },
    };

    [Theory]
    [MemberData(nameof(Functions))]
    public void VectorBodyAndScalarTailAgree(Activation kind, float alpha)
    {
        var function = ActivationFunction.Create(kind, alpha == 0f ? float.NaN : alpha);
        int length = 3 * Vector<float>.Count + 3;
        var random = new RandomSource((int)kind);
        var x = new float[length];
        var dy = new float[length];
        for (int i = 0; i < length; i++) (x[i], dy[i]) = (random.NextGaussian() * 3f, random.NextGaussian());
        x[0] = 0f;
        x[1] = -0f;
        x[2] = 40f;
        x[3] = -40f;
        var y = new float[length];
        var dx = new float[length];
        function.Forward(x, y, length);
        function.Backward(x, y, dy, dx, length);

        // Exponential-based forms may differ in the last bits between the vector and the scalar
        // exponential (ours for ELU and GELU, TensorPrimitives' for sigmoid and tanh); the others agree exactly.
        double forwardTolerance = kind is Activation.Relu or Activation.LeakyRelu ? 0 : 2e-6;
        double backwardTolerance = kind is Activation.Gelu ? 2e-6 : 0;
        for (int i = 0; i < length; i++)
        {
            var yi = new float[1];
            var dxi = new float[1];
            function.Forward(x.AsSpan(i, 1), yi, 1);
            function.Backward(x.AsSpan(i, 1), y.AsSpan(i, 1), dy.AsSpan(i, 1), dxi, 1);
            Assert.True(Math.Abs(yi[0] - y[i]) <= forwardTolerance * (1 + Math.Abs(y[i])), $"{kind} y({x[i]}): {y[i]} vs {yi[0]}");
            Assert.True(Math.Abs(dxi[0] - dx[i]) <= backwardTolerance * (1 + Math.Abs(dx[i])), $"{kind} dx({x[i]}): {dx[i]} vs {dxi[0]}");
            Assert.True(float.IsFinite(y[i]) && float.IsFinite(dx[i]), $"{kind} at {x[i]}: y {y[i]}, dx {dx[i]}");
        }
    }

    [Fact]
    public void OperandsMayBeTheDestination()
    {
        var x = Enumerable.Range(-20, 41).Select(i => i / 4f).ToArray();
        var expected = x.Select(v => v > 0f ? v : 0.1f * v).ToArray();
        var function = ActivationFunction.Create(Activation.LeakyRelu, 0.1f);
        function.Forward(x, x, x.Length);
        Assert.Equal(expected, x);
    }
}
