using MLExt.Neural;

namespace MLExt.Tests.Onnx;

public sealed class OnnxModelSummaryTests
{
    [Fact]
    public void DescribesAnExportedNetwork()
    {
        var network = new Network([Layer.Dense(3, Activation.Relu), Layer.Dense(2)]);
        network.Build([4], new RandomSource(1));

        var summary = OnnxModelSummary.Read(network.ExportOnnx(inputName: "x", outputName: "y"));

        Assert.Equal(17, summary.Opset);
        var input = Assert.Single(summary.Inputs);
        Assert.Equal(("x", "float", "[N, 4]"), (input.Name, input.ElementType, input.ShapeText));
        var output = Assert.Single(summary.Outputs);
        Assert.Equal(("y", "float", "[N, 2]"), (output.Name, output.ElementType, output.ShapeText));
    }

    [Fact]
    public void RefusesBytesThatAreNotAModel()
    {
        var e = Assert.Throws<InvalidDataException>(() => OnnxModelSummary.Read([0xFF, 0xFF, 0xFF]));
        Assert.StartsWith("Not an ONNX model", e.Message);
    }
}
