using MLExt.Neural.Onnx.Proto;

namespace MLExt.Neural.Onnx.Import;

/// <summary>
/// Model-level edits before import: models joined end to end (a preprocessing graph then a trunk), and a model cut at a
/// node into the part before it and the part from it on (a frozen trunk computed once, the rest trained).
/// </summary>
internal static class OnnxModelCuts
{
    /// <summary>The name by which errors and cuts refer to a node: its name, or its first output's.</summary>
    public static string NodeName(NodeProto node) =>
        node.Name.Length > 0 ? node.Name : node.Output.FirstOrDefault(o => o.Length > 0) ?? node.OpType;

    /// <summary><paramref name="second"/> fed by <paramref name="first"/>: the first's single output replaces the
    /// second's single input.</summary>
    public static ModelProto Join(ModelProto first, ModelProto second, string file)
    {
        var initialisers = second.Graph.Initializer.Select(t => t.Name).ToHashSet();
        var secondInputs = second.Graph.Input.Where(i => !initialisers.Contains(i.Name)).ToArray();
        if (first.Graph.Output.Count != 1 || secondInputs.Length != 1)
            throw new NotSupportedException($"Cannot import '{file}': joining models needs one output feeding one input.");
        string from = first.Graph.Output[0].Name, to = secondInputs[0].Name;
        var joined = first.Clone();
        joined.Graph.Output.Clear();
        joined.Graph.Output.AddRange(second.Graph.Output);
        joined.Graph.Initializer.AddRange(second.Graph.Initializer);
        foreach (var node in second.Graph.Node)
        {
            var copy = node.Clone();
            for (int i = 0; i < copy.Input.Count; i++) if (copy.Input[i] == to) copy.Input[i] = from;
            joined.Graph.Node.Add(copy);
        }
        long opset = Math.Max(Opset(first), Opset(second));
        joined.OpsetImport.Clear();
        joined.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = opset });
        return joined;
    }

    /// <summary>The nodes before <paramref name="node"/>; the output is that node's first input.</summary>
    public static ModelProto Before(ModelProto model, string node, string file)
    {
        int at = IndexOf(model, node, file);
        var cut = model.Clone();
        cut.Graph.Node.Clear();
        cut.Graph.Node.AddRange(model.Graph.Node.Take(at).Select(n => n.Clone()));
        cut.Graph.Output.Clear();
        cut.Graph.Output.Add(new ValueInfoProto { Name = model.Graph.Node[at].Input[0] });
        return cut;
    }

    /// <summary>The nodes from <paramref name="node"/> on, reading its first input as the graph input of per-sample
    /// shape <paramref name="shape"/>.</summary>
    /// <exception cref="NotSupportedException">A later node reads a value computed before the cut.</exception>
    public static ModelProto From(ModelProto model, string node, int[] shape, string file)
    {
        int at = IndexOf(model, node, file);
        string input = model.Graph.Node[at].Input[0];
        var available = model.Graph.Initializer.Select(t => t.Name).Append(input).ToHashSet();
        var cut = model.Clone();
        cut.Graph.Node.Clear();
        foreach (var n in model.Graph.Node.Skip(at))
        {
            if (n.Input.FirstOrDefault(i => i.Length > 0 && !available.Contains(i)) is { } outside)
                throw new NotSupportedException($"Cannot start '{file}' at node '{node}': node '{NodeName(n)}' also reads " +
                    $"'{outside}', computed before it; choose a node whose input is the only value that crosses the cut.");
            available.UnionWith(n.Output);
            cut.Graph.Node.Add(n.Clone());
        }
        var dims = new TensorShapeProto();
        foreach (int d in new[] { -1 }.Concat(shape))
            dims.Dim.Add(d < 0 ? new TensorShapeProto.Types.Dimension { DimParam = "N" } : new TensorShapeProto.Types.Dimension { DimValue = d });
        cut.Graph.Input.Clear();
        cut.Graph.Input.Add(new ValueInfoProto
        {
            Name = input,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = dims } },
        });
        return cut;
    }

    private static int IndexOf(ModelProto model, string node, string file)
    {
        for (int i = 0; i < model.Graph.Node.Count; i++)
            if (NodeName(model.Graph.Node[i]) == node) return i;
        throw new ArgumentException($"'{file}' has no node named '{node}'; its nodes include " +
            $"{string.Join(", ", model.Graph.Node.Take(8).Select(NodeName))}, ….", nameof(node));
    }

    private static long Opset(ModelProto model) => model.OpsetImport.FirstOrDefault(o => o.Domain is "" or "ai.onnx")?.Version ?? 0;
}
