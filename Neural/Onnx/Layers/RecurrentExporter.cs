using MLExt.Neural.Onnx.Proto;

namespace MLExt.Neural.Onnx.Layers;

/// <summary>
/// SimpleRnn, Lstm and Gru as ONNX's RNN, LSTM and GRU operators (time-major, so the input is transposed to
/// <c>[time, N, features]</c>): W = Wᵀ per direction <c>[gates·units, features]</c>, R = Uᵀ, B = [b, recurrent bias or 0];
/// MLExt's gate order is already ONNX's (iofc, zrh) and its GRU resets after the recurrent product (linear_before_reset = 1).
/// A padding mask becomes sequence_lens = Σ_t mask (right padding assumed, as the layers enforce): ONNX then carries no state
/// past a sequence's end, writes zeros at its padded outputs and reverses only its real steps in the backward direction.
/// </summary>
internal static class RecurrentExporter
{
    public static string Export(RecurrentLayer layer, string input, OnnxGraphBuilder graph) =>
        Add(graph, input, [layer], layer.ReturnSequences, BidirectionalMerge.Concat);

    /// <summary>One node for one direction, or both of a <see cref="Bidirectional"/> (forward first); outputs merged as MLExt does.</summary>
    public static string Add(OnnxGraphBuilder graph, string input, RecurrentLayer[] directions, bool returnSequences, BidirectionalMerge merge)
    {
        var layer = directions[0];
        int units = layer.Units, width = layer.Gates * units, features = layer.InputShape[1], count = directions.Length;
        var (op, attributes) = Operator(layer, count);
        var w = new float[count * width * features];
        var r = new float[count * width * units];
        var b = new float[count * 2 * width];
        for (int d = 0; d < count; d++)
        {
            // W [in, gates·units] → Wᵀ ; U [units, gates·units] → Uᵀ ; B = [b, b_r]
            Transpose(directions[d].Kernel.Value.Span, features, width, w.AsSpan(d * width * features));
            Transpose(directions[d].RecurrentKernel.Value.Span, units, width, r.AsSpan(d * width * units));
            directions[d].Bias.Value.Span.CopyTo(b.AsSpan(d * 2 * width));
            if (directions[d] is Gru gru) gru.RecurrentBias.Value.Span.CopyTo(b.AsSpan(d * 2 * width + width));
        }
        List<string> inputs =
        [
            graph.AddNode("Transpose", "time_major", [input], OnnxAttributes.Ints("perm", [1, 0, 2])),
            graph.AddConstant("rnn_w", [count, width, features], w),
            graph.AddConstant("rnn_r", [count, width, units], r),
            graph.AddConstant("rnn_b", [count, 2 * width], b),
        ];
        if (graph.SequenceMask is { } mask)
            inputs.Add(graph.AddNode("Cast", "sequence_lens",
                [graph.AddNode("ReduceSum", "real_steps", [mask, graph.AddInt64Constant("time_axis", [1])], OnnxAttributes.Int("keepdims", 0))],
                OnnxAttributes.Int("to", (long)TensorProto.Types.DataType.Int32)));
        attributes.Add(OnnxAttributes.Int("hidden_size", units));
        attributes.Add(OnnxAttributes.Text("direction", count == 2 ? "bidirectional" : "forward"));
        var outputs = graph.AddNode(op, "", ["rnn_y", "rnn_h"], inputs, [.. attributes]);

        if (returnSequences)
        {
            // Y [time, directions, N, units] → [N, time, directions, units] → merged [N, time, ·]
            string y = graph.AddNode("Transpose", "rnn_sequences", [outputs[0]], OnnxAttributes.Ints("perm", [2, 0, 1, 3]));
            return MergeDirections(graph, y, 2, merge == BidirectionalMerge.Sum ? units : count * units, merge, count);
        }
        // Y_h [directions, N, units] → [N, directions, units] → merged [N, ·]
        graph.SequenceMask = null;
        string h = graph.AddNode("Transpose", "rnn_last", [outputs[1]], OnnxAttributes.Ints("perm", [1, 0, 2]));
        return MergeDirections(graph, h, 1, merge == BidirectionalMerge.Sum ? units : count * units, merge, count);
    }

    private static string MergeDirections(OnnxGraphBuilder graph, string value, int axis, int width, BidirectionalMerge merge, int count)
    {
        if (count == 2 && merge == BidirectionalMerge.Sum)
            return graph.AddNode("ReduceSum", "rnn_sum", [value, graph.AddInt64Constant("direction_axis", [axis])], OnnxAttributes.Int("keepdims", 0));
        long[] shape = axis == 2 ? [0, 0, width] : [0, width];
        return graph.AddNode("Reshape", "rnn_merged", [value, graph.AddInt64Constant("rnn_shape", shape)]);
    }

    private static (string Op, List<AttributeProto> Attributes) Operator(RecurrentLayer layer, int directions) => layer switch
    {
        Lstm => ("LSTM", []),
        Gru => ("GRU", [OnnxAttributes.Int("linear_before_reset", 1)]),
        SimpleRnn rnn => ("RNN", RnnActivation(rnn.Activation, directions)),
        _ => throw new NotSupportedException($"no ONNX operator for the recurrent layer {layer.TypeName}."),
    };

    private static List<AttributeProto> RnnActivation(Activation activation, int directions)
    {
        string name = activation switch
        {
            Activation.Tanh => "Tanh",
            Activation.Sigmoid => "Sigmoid",
            Activation.Relu => "Relu",
            _ => "Affine",
        };
        List<AttributeProto> attributes = [OnnxAttributes.Texts("activations", Enumerable.Repeat(name, directions))];
        if (name == "Affine")
        {
            // f(x) = 1·x + 0
            attributes.Add(OnnxAttributes.Floats("activation_alpha", Enumerable.Repeat(1f, directions)));
            attributes.Add(OnnxAttributes.Floats("activation_beta", Enumerable.Repeat(0f, directions)));
        }
        return attributes;
    }

    private static void Transpose(ReadOnlySpan<float> source, int rows, int columns, Span<float> destination)
    {
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++) destination[j * rows + i] = source[i * columns + j];
    }
}
