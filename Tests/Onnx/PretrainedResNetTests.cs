using MLExt.Neural;
using MLExt.Tests.Neural;
using MLExt.Trainers;

namespace MLExt.Tests.Onnx;

/// <summary>ResNet-18 from the Microsoft.ML.DnnImageFeaturizer.ResNet18 package, imported and checked against ONNX
/// Runtime running the package's own two files (preprocessing, then the trunk) on the same image.</summary>
public sealed class PretrainedResNetTests
{
    private static Tensor Image(int seed)
    {
        var random = new RandomSource(seed);
        var image = new Tensor(1, 3, PretrainedModels.ResNet18ImageSize, PretrainedModels.ResNet18ImageSize);
        for (int i = 0; i < image.Length; i++) image[i] = 255f * random.NextFloat();
        return image;
    }

    private static float[] OnnxRuntimeFeatures(Tensor image)
    {
        var (preprocessed, shape) = OnnxRuntimeRunner.Run(File.ReadAllBytes(PretrainedModels.ResNet18PreprocessingFile), "OriginalInput", image)["PreprocessedInput"];
        var (features, _) = OnnxRuntimeRunner.Run(File.ReadAllBytes(PretrainedModels.ResNet18File), "Input247", new Tensor(preprocessed, shape))["Pooling395_Output_0"];
        return features;
    }

    [Fact]
    public void ResNet18AgreesWithOnnxRuntimeOnThePackagesFiles()
    {
        var image = Image(1);
        var graph = PretrainedModels.ResNet18();

        var features = graph.Forward(image, training: false);

        Assert.Equal([1, PretrainedModels.ResNet18Features, 1, 1], features.Shape);
        // Trained parameters: every convolution kernel and batch-norm scale and bias of the file (22 of each).
        var model = MLExt.Neural.Onnx.Proto.ModelProto.Parser.ParseFrom(File.ReadAllBytes(PretrainedModels.ResNet18File));
        var trained = model.Graph.Node.SelectMany(n => n.OpType == "Conv" ? n.Input.Skip(1) : n.OpType == "BatchNormalization" ? n.Input.Skip(1).Take(2) : []).ToHashSet();
        Assert.Equal(model.Graph.Initializer.Where(t => trained.Contains(t.Name)).Sum(t => t.Dims.Aggregate(1L, (a, d) => a * d)), graph.ParameterCount);
        TestTensors.AssertClose(OnnxRuntimeFeatures(image), features.Span, 1e-4, "ResNet-18 features");
    }

    [Fact]
    [Trait("Category", "Long")]
    public void TheFrozenPartThenTheFineTunedPartComputeTheWholeTrunk()
    {
        var images = new Tensor([.. Image(2).Span, .. Image(3).Span], 2, 3, 224, 224);
        var whole = PretrainedModels.ResNet18().Forward(images, training: false).Clone();
        var frozen = PretrainedModels.ResNet18(new OnnxImportOptions { StopBefore = PretrainedModels.ResNet18LastBlock });
        var tuned = PretrainedModels.ResNet18(new OnnxImportOptions { StartAt = PretrainedModels.ResNet18LastBlock });

        Assert.Equal([512, 7, 7], frozen.Outputs[0].Shape);
        var cached = PretrainedTransfer.Compute(frozen, images.Span.ToArray(), batchSize: 2);
        var features = PretrainedTransfer.Compute(tuned, cached, batchSize: 2);
        TestTensors.AssertClose(whole.Span, features, 1e-5, "frozen then fine-tuned part");
    }

    [Fact]
    public void CuttingAtANodeThatIsNotACutPointNamesIt()
    {
        var g = new GraphBuilder();
        var x = g.Input("x", 4);
        var hidden = g.Apply(new Dense(4, Activation.Relu), x, "hidden");
        g.Output("y", g.Apply(new Dense(2), g.Add(g.Apply(new Dense(4), hidden), hidden)));
        var path = Path.Combine(Directory.CreateTempSubdirectory("mlext-cut-").FullName, "residual.onnx");
        File.WriteAllBytes(path, g.Build(new RandomSource(1)).ExportOnnx());
        var model = MLExt.Neural.Onnx.Proto.ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        string second = model.Graph.Node.First(n => n.OpType == "Add").Name; // reads the Relu from before it too

        var error = Assert.Throws<NotSupportedException>(() => OnnxImport.ReadGraph([path], new OnnxImportOptions { StartAt = second }));
        Assert.Contains("also reads", error.Message);
        Assert.Contains(second, error.Message);
        var missing = Assert.Throws<ArgumentException>(() => OnnxImport.ReadGraph([path], new OnnxImportOptions { StartAt = "layer4" }));
        Assert.Contains("no node named 'layer4'", missing.Message);
    }

    [Fact]
    public void AHeadOnCachedFeaturesLearnsTwoSeparableClasses()
    {
        var random = new RandomSource(4);
        var features = new float[40 * 8];
        var labels = new int[40];
        for (int i = 0; i < 40; i++)
        {
            labels[i] = i % 2;
            for (int j = 0; j < 8; j++) features[i * 8 + j] = random.NextGaussian() + (labels[i] == 1 ? 2f : -2f) * (j == 0 ? 1 : 0);
        }
        var g = new GraphBuilder();
        g.Output("logits", PretrainedTransfer.ClassifierHead(2)(g, g.Input("features", 8)));
        var head = g.Build(new RandomSource(5));
        PretrainedTransfer.Fit(head, features, labels, new TrainingOptions { NumberOfEpochs = 30, BatchSize = 8, Optimizer = new AdamOptimizer { LearningRate = 0.05f } }, seed: 6);
        Assert.True(PretrainedTransfer.Accuracy(head, features, labels) >= 0.95);
    }
}
