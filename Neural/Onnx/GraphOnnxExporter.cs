namespace MLExt.Neural.Onnx;

/// <summary>Adds a built <see cref="ModelGraph"/>'s nodes to an ONNX graph, in topological order.</summary>
internal static class GraphOnnxExporter
{
    /// <summary>
    /// Adds every node reading the values <paramref name="inputs"/> (one per graph input, <c>[N, ...shape]</c>);
    /// returns the value name of each graph output. Padding masks follow the edges as in the engine.
    /// </summary>
    /// <exception cref="NotSupportedException">A layer or merge cannot be exported; the message names its node.</exception>
    public static string[] AddNodes(OnnxGraphBuilder builder, ModelGraph graph, IReadOnlyList<string> inputs)
    {
        if (inputs.Count != graph.Inputs.Count)
            throw new ArgumentException($"The graph has {graph.Inputs.Count} inputs; {inputs.Count} ONNX values were " +
                $"given.", nameof(inputs));
        var steps = graph.Steps;
        var values = new string[steps.Length];
        var masks = new string?[steps.Length];
        for (int s = 0; s < steps.Length; s++)
        {
            var step = steps[s];
            try
            {
                switch (step.Kind)
                {
                    case GraphNodeKind.Input:
                        values[s] = inputs[step.InputIndex];
                        break;
                    case GraphNodeKind.Layer:
                        builder.SequenceMask = masks[step.Inputs[0]];
                        values[s] = builder.AddLayer(step.Layer!, values[step.Inputs[0]]);
                        masks[s] = builder.SequenceMask;
                        break;
                    default:
                        var merged = step.Inputs.Select(i => values[i]).ToArray();
                        values[s] = MergeOnnxExporter.Export(step.Merge!, merged, builder);
                        masks[s] = MergeOnnxExporter.Masks(step.Merge!, merged, step.Inputs.Select(i => masks[i]).ToArray(), builder);
                        break;
                }
            }
            catch (NotSupportedException e)
            {
                throw new NotSupportedException($"Cannot export the graph to ONNX: node '{step.Name}'. {e.Message}", e);
            }
        }
        builder.SequenceMask = null;
        return graph.OutputSteps.Select(o => values[o]).ToArray();
    }

    /// <summary>The graph alone as a model: one float input per graph input and one float output per graph output, by
    /// their names.</summary>
    public static Proto.ModelProto ToModel(ModelGraph graph)
    {
        var names = graph.Inputs.Select(i => i.Name).Concat(graph.Outputs.Select(o => o.Name)).ToArray();
        if (names.Distinct(StringComparer.Ordinal).Count() != names.Length)
            throw new ArgumentException($"ONNX needs distinct input and output names; the graph has " +
                $"{string.Join(", ", names.Select(n => $"'{n}'"))}.", nameof(graph));
        var builder = new OnnxGraphBuilder("mlext_graph");
        var inputs = graph.Inputs.Select(i => builder.AddInput(i.Name, Tensor.BatchShape(-1, i.Shape))).ToArray();
        var outputs = AddNodes(builder, graph, inputs);
        for (int o = 0; o < outputs.Length; o++)
        {
            var name = builder.AddAlias(outputs[o], graph.Outputs[o].Name);
            builder.AddOutput(name, Proto.TensorProto.Types.DataType.Float, Tensor.BatchShape(-1, graph.Outputs[o].Shape));
        }
        return builder.ToModel($"MLExt model graph: {graph.Inputs.Count} inputs, {graph.Outputs.Count} outputs, " +
            $"{graph.ParameterCount} parameters.");
    }
}
