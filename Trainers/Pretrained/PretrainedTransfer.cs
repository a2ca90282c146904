using MLExt.Neural;

namespace MLExt.Trainers;

/// <summary>
/// Transfer learning on a pretrained trunk with the frozen part computed once: <see cref="Compute"/> runs a graph
/// (the frozen trunk) over the images in batches and keeps its outputs; <see cref="Fit"/> trains a graph read from the
/// cut on (the layers to fine-tune, if any, and a new head) on those cached values with softmax cross-entropy.
/// On two cores a 224 × 224 ResNet-18 forward is ~1.8 GFLOP per image, so caching is what makes few-label experiments
/// affordable: the frozen layers never run twice for an image.
/// </summary>
public static class PretrainedTransfer
{
    /// <summary>A new classifier head: flatten, then a dense layer to <paramref name="classes"/> logits.</summary>
    public static Func<GraphBuilder, GraphNode, GraphNode> ClassifierHead(int classes) =>
        (g, x) => g.Apply(new Dense(classes), g.Apply(new Flatten(), x, "head_flatten"), "head_dense");

    /// <summary>The single output of <paramref name="graph"/> for each row of <paramref name="inputs"/> (rows of the
    /// graph's input shape), computed in inference mode in batches; row-major.</summary>
    public static float[] Compute(ModelGraph graph, float[] inputs, int batchSize = 16, IProgress<int>? rowsDone = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(inputs);
        int inputSize = Tensor.Product(graph.Inputs[0].Shape), outputSize = Tensor.Product(graph.Outputs[0].Shape);
        if (inputs.Length % inputSize != 0)
            throw new ArgumentException($"The inputs are not whole rows of {Tensor.FormatShape(graph.Inputs[0].Shape)}.", nameof(inputs));
        int rows = inputs.Length / inputSize;
        var outputs = new float[rows * outputSize];
        for (int start = 0; start < rows; start += batchSize)
        {
            int n = Math.Min(batchSize, rows - start);
            var x = new Tensor(inputs.AsSpan(start * inputSize, n * inputSize).ToArray(), [n, .. graph.Inputs[0].Shape]);
            graph.Forward(x, training: false).Span.CopyTo(outputs.AsSpan(start * outputSize, n * outputSize));
            rowsDone?.Report(start + n);
        }
        return outputs;
    }

    /// <summary>Trains <paramref name="model"/> (one input, one logits output) on cached <paramref name="inputs"/> with
    /// labels in [0, classes).</summary>
    public static TrainingHistory Fit(ModelGraph model, float[] inputs, int[] labels, TrainingOptions options, int seed)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(labels);
        int classes = model.Outputs[0].Shape[^1];
        var targets = new float[labels.Length * classes];
        for (int i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= classes) throw new ArgumentException($"Label {labels[i]} of row {i} is not in [0, {classes}).", nameof(labels));
            targets[i * classes + labels[i]] = 1f;
        }
        var data = new GraphData().Add(model.Inputs[0].Name, inputs, model.Inputs[0].Shape).Add("label", targets, classes);
        var objective = new GraphObjective(model, new OutputLoss(model.Outputs[0].Name, new SoftmaxCrossEntropy(), target: "label"));
        return TrainingLoop.Fit(model, data, null, objective, options, new RandomSource(seed));
    }

    /// <summary>The fraction of rows whose largest logit is at their label.</summary>
    public static double Accuracy(ModelGraph model, float[] inputs, int[] labels, int batchSize = 32)
    {
        var logits = Compute(model, inputs, batchSize);
        int classes = logits.Length / labels.Length, correct = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            var row = logits.AsSpan(i * classes, classes);
            int best = 0;
            for (int k = 1; k < classes; k++) if (row[k] > row[best]) best = k;
            if (best == labels[i]) correct++;
        }
        return (double)correct / labels.Length;
    }
}
