namespace MLExt.Neural;

/// <summary>
/// Turns a <see cref="GraphBuilder"/>'s nodes into a <see cref="ModelGraph"/>: resolves names, rejects cycles and
/// unconnected parts, orders the nodes topologically (definition order among ready nodes, so a chain builds its
/// layers in order), infers shapes and builds each layer, making a twin for every further application of a
/// shared layer.
/// </summary>
internal static class GraphCompiler
{
    /// <summary>Compiles; <paramref name="describe"/> names a layer node in errors (the default: <c>node 'name'
    /// (Type)</c>).</summary>
    public static ModelGraph Compile(IReadOnlyList<GraphNode> nodes, IReadOnlyList<KeyValuePair<string, string>> outputs, RandomSource random,
        bool requireUnbuilt, Func<GraphNode, string>? describe = null)
    {
        describe ??= n => $"Node '{n.Name}' ({n.Layer?.TypeName ?? n.Merge?.TypeName ?? "input"})";
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < nodes.Count; i++) index[nodes[i].Name] = i;
        if (outputs.Count == 0) throw new ArgumentException("The graph has no output: declare one with Output(name, node).", nameof(outputs));
        var reads = Resolve(nodes, outputs, index, describe);
        var order = TopologicalOrder(nodes, reads, describe);
        CheckConnected(nodes, outputs, index, reads, describe);
        return BuildSteps(nodes, outputs, index, reads, order, random, requireUnbuilt, describe);
    }

    private static int[][] Resolve(IReadOnlyList<GraphNode> nodes, IReadOnlyList<KeyValuePair<string, string>> outputs,
        Dictionary<string, int> index, Func<GraphNode, string> describe)
    {
        string Defined() => string.Join(", ", nodes.Select(n => $"'{n.Name}'"));
        var reads = new int[nodes.Count][];
        for (int i = 0; i < nodes.Count; i++)
            reads[i] = nodes[i].InputNames.Select(name => index.TryGetValue(name, out int k) ? k
                : throw new ArgumentException($"{describe(nodes[i])} reads '{name}', which is not a node of the graph. " +
                    $"Nodes: {Defined()}.")).ToArray();
        foreach (var (name, node) in outputs)
            if (!index.ContainsKey(node))
                throw new ArgumentException($"Output '{name}' exposes '{node}', which is not a node of the graph. Nodes: " +
                    $"{Defined()}.");
        return reads;
    }

    // Kahn's algorithm, taking the earliest-defined ready node each time; a node never ready lies on a cycle.
    private static int[] TopologicalOrder(IReadOnlyList<GraphNode> nodes, int[][] reads, Func<GraphNode, string> describe)
    {
        var placed = new bool[nodes.Count];
        var order = new List<int>(nodes.Count);
        while (order.Count < nodes.Count)
        {
            int next = -1;
            for (int i = 0; i < nodes.Count && next < 0; i++)
                if (!placed[i] && reads[i].All(r => placed[r])) next = i;
            if (next < 0) throw new ArgumentException($"The graph has a cycle: {DescribeCycle(nodes, reads, placed)}. A " +
                $"node cannot depend on its own output.");
            placed[next] = true;
            order.Add(next);
        }
        return order.ToArray();
    }

    // Walks from an unplaced node through unplaced inputs until a node repeats: that loop is a cycle.
    private static string DescribeCycle(IReadOnlyList<GraphNode> nodes, int[][] reads, bool[] placed)
    {
        int current = Array.IndexOf(placed, false);
        var path = new List<int>();
        while (!path.Contains(current))
        {
            path.Add(current);
            current = reads[current].First(r => !placed[r]);
        }
        var cycle = path.Skip(path.IndexOf(current)).Append(current);
        // The path was followed from readers to what they read; data flows the other way.
        return string.Join(" → ", cycle.Reverse().Select(i => $"'{nodes[i].Name}'"));
    }

    private static void CheckConnected(IReadOnlyList<GraphNode> nodes, IReadOnlyList<KeyValuePair<string, string>> outputs,
        Dictionary<string, int> index, int[][] reads, Func<GraphNode, string> describe)
    {
        var used = new bool[nodes.Count];
        var pending = new Stack<int>(outputs.Select(o => index[o.Value]));
        while (pending.Count > 0)
        {
            int i = pending.Pop();
            if (used[i]) continue;
            used[i] = true;
            foreach (int r in reads[i]) pending.Push(r);
        }
        for (int i = 0; i < nodes.Count; i++)
        {
            if (used[i]) continue;
            throw new ArgumentException(nodes[i].Kind == GraphNodeKind.Input
                ? $"Input '{nodes[i].Name}' is not connected to any output: apply a layer to it on the way to an output, " +
                    $"or remove it."
                : $"{describe(nodes[i])} is computed but no output depends on it: declare it as an output or remove it.");
        }
    }

    private static ModelGraph BuildSteps(IReadOnlyList<GraphNode> nodes, IReadOnlyList<KeyValuePair<string, string>> outputs,
        Dictionary<string, int> index, int[][] reads, int[] order, RandomSource random, bool requireUnbuilt, Func<GraphNode, string> describe)
    {
        var stepOf = new int[nodes.Count];
        var steps = new GraphStep[nodes.Count];
        var inputs = new List<GraphInput>();
        var firstUse = new Dictionary<Layer, string>(ReferenceEqualityComparer.Instance);
        for (int s = 0; s < order.Length; s++)
        {
            var node = nodes[order[s]];
            stepOf[order[s]] = s;
            var from = reads[order[s]].Select(r => stepOf[r]).ToArray();
            var shapes = from.Select(f => steps[f].Shape).ToArray();
            steps[s] = node.Kind switch
            {
                GraphNodeKind.Input => InputStep(node, inputs),
                GraphNodeKind.Layer => LayerStep(node, from, shapes[0], nodes[reads[order[s]][0]].Name, firstUse, random, requireUnbuilt, describe),
                _ => MergeStep(node, from, shapes, reads[order[s]].Select(r => nodes[r].Name).ToArray(), describe),
            };
        }
        var graphOutputs = outputs.Select(o => new GraphOutput(o.Key, o.Value, steps[stepOf[index[o.Value]]].Shape)).ToArray();
        var outputSteps = outputs.Select(o => stepOf[index[o.Value]]).ToArray();
        return new ModelGraph(steps, inputs.ToArray(), graphOutputs, outputSteps);
    }

    private static GraphStep InputStep(GraphNode node, List<GraphInput> inputs)
    {
        inputs.Add(new GraphInput(node.Name, node.Shape!, node.InputKind));
        return new GraphStep { Name = node.Name, Kind = GraphNodeKind.Input, Inputs = [], Shape = node.Shape!, InputIndex = inputs.Count - 1 };
    }

    private static GraphStep LayerStep(GraphNode node, int[] from, int[] shape, string source, Dictionary<Layer, string> firstUse,
        RandomSource random, bool requireUnbuilt, Func<GraphNode, string> describe)
    {
        var shared = node.Layer!;
        Layer application;
        try
        {
            if (firstUse.TryGetValue(shared, out var first)) application = SharedApplication.Create(shared, shape, random, first, node.Name);
            else if (shared.IsBuilt && !requireUnbuilt)
            {
                if (!Tensor.SameShape(shared.InputShape, shape))
                    throw new ArgumentException($"the layer is already built for input " +
                        $"{Tensor.FormatShape(shared.InputShape)}.");
                // A built layer may run in another graph too (a generator inside a GAN, a pretrained trunk): this graph
                // gets its own application sharing the weights, so interleaved forwards of the two graphs do not
                // overwrite each other's saved buffers. A layer that cannot be copied from its configuration runs as it is.
                application = CanCopy(shared) ? SharedApplication.Create(shared, shape, random, "another graph", node.Name) : shared;
            }
            else
            {
                shared.Build(shape, random);
                application = shared;
            }
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{describe(node)} cannot take input {Tensor.FormatShape(shape)} from '{source}': " +
                $"{e.Message}", e);
        }
        firstUse.TryAdd(shared, node.Name);
        return new GraphStep
        {
            Name = node.Name, Kind = GraphNodeKind.Layer, Inputs = from, Shape = application.OutputShape, Layer = application, SharedLayer = shared,
            MaskConsumer = application as ISequenceMaskConsumer, MaskSource = application as ISequenceMaskSource,
            AdjacencyConsumer = application as IAdjacencyConsumer,
            LossSource = application as ILossTermSource, HasParameters = application.Parameters.Count > 0,
        };
    }

    private static bool CanCopy(Layer layer)
    {
        try
        {
            layer.CloneUnbuilt();
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static GraphStep MergeStep(GraphNode node, int[] from, int[][] shapes, string[] sources, Func<GraphNode, string> describe)
    {
        try
        {
            node.Merge!.Build(shapes);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            var inputs = string.Join(", ", sources.Select((s, i) => $"'{s}' {Tensor.FormatShape(shapes[i])}"));
            throw new ArgumentException($"{describe(node)} cannot merge {inputs}: {e.Message}", e);
        }
        return new GraphStep
        {
            Name = node.Name, Kind = GraphNodeKind.Merge, Inputs = from, Shape = node.Merge.OutputShape, Merge = node.Merge,
            MergeInputs = new Tensor[from.Length], MergeMasks = new Tensor?[from.Length],
        };
    }
}
