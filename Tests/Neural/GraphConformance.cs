using MLExt.Neural;
using MLExt.Tests.Neural.Sequence;

namespace MLExt.Tests.Neural;

/// <summary>
/// The conformance checks for model graphs, as <see cref="LayerConformance"/> is for layers: built with a fixed
/// seed on a batch of three, a graph's dL/dinput (float inputs) and every dL/dparameter match central differences
/// of L = Σₒ rₒ⊙yₒ + the layers' loss terms for fixed random rₒ; the parameters-only backward gives the same
/// parameter gradients; a second backward doubles them. Token-id inputs get ids in [0, vocabulary), right-padded
/// with id 0.
/// </summary>
internal static class GraphConformance
{
    private const int Seed = 4321, BatchSize = 3;

    /// <summary>Every check in inference and training mode; returns the built graph of the last check.</summary>
    public static ModelGraph CheckAll(string name, Func<RandomSource, ModelGraph> build, int vocabulary = 7)
    {
        ModelGraph graph = null!;
        foreach (bool training in new[] { false, true }) graph = CheckGradients(name, build, training, vocabulary);
        return graph;
    }

    /// <summary>The gradient checks in one mode.</summary>
    public static ModelGraph CheckGradients(string name, Func<RandomSource, ModelGraph> build, bool training, int vocabulary = 7)
    {
        var graph = build(new RandomSource(Seed));
        var random = new RandomSource(Seed + 1);
        var inputs = graph.Inputs.Select(i => i.Kind == GraphInputKind.TokenIds
            ? SequenceInputs.TokenIds(random, BatchSize, i.Shape[0], vocabulary, padding: 0)
            : TestTensors.Gaussian(random, TestTensors.Batch(BatchSize, i.Shape))).ToArray();
        var r = graph.Outputs.Select(o => TestTensors.Gaussian(random, TestTensors.Batch(BatchSize, o.Shape))).ToArray();
        var pin = SequenceTestKit.Pin(graph);
        string mode = training ? "training" : "inference";

        graph.ZeroGradients();
        pin();
        graph.Forward(inputs, training);
        var dx = graph.Backward(r).Select(g => g.Clone()).ToArray();
        var gradients = graph.Parameters.Select(p => p.Gradient.Clone()).ToArray();

        double Objective()
        {
            pin();
            var outputs = graph.Forward(inputs, training);
            double value = graph.LossTerms;
            for (int o = 0; o < outputs.Count; o++) value += TestTensors.Dot(outputs[o].Span, r[o].Span);
            return value;
        }

        for (int i = 0; i < inputs.Length; i++)
        {
            if (graph.Inputs[i].Kind == GraphInputKind.TokenIds) Assert.False(dx[i].Span.ContainsAnyExcept(0f), $"{name}: token ids have no gradient.");
            else GradientCheck.AssertMatches($"{name} ({mode}) dL/d{graph.Inputs[i].Name}", inputs[i].Data, dx[i].Span, Objective);
        }
        for (int k = 0; k < gradients.Length; k++)
            GradientCheck.AssertMatches($"{name} ({mode}) dL/d{graph.Parameters[k]}", graph.Parameters[k].Value.Data, gradients[k].Span, Objective);

        // The parameters-only backward accumulates the same parameter gradients; a second one doubles them.
        graph.ZeroGradients();
        pin();
        graph.Forward(inputs, training);
        graph.BackwardParametersOnly(r);
        for (int k = 0; k < gradients.Length; k++)
            TestTensors.AssertClose(gradients[k].Span, graph.Parameters[k].Gradient.Span, 1e-5, $"{name} parameters-only dL/d{graph.Parameters[k]}");
        graph.BackwardParametersOnly(r);
        for (int k = 0; k < gradients.Length; k++)
            TestTensors.AssertClose(gradients[k].Span.ToArray().Select(v => 2 * v).ToArray(), graph.Parameters[k].Gradient.Span, 1e-5,
                $"{name} dL/d{graph.Parameters[k]} after two backward passes");
        return graph;
    }
}
