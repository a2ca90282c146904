namespace MLExt.Neural.Onnx.Import;

internal sealed partial class OnnxGraphReader
{
    /// <summary>Every operator imported, and the MLExt layer or merge it becomes.</summary>
    internal static readonly IReadOnlyDictionary<string, Func<OnnxGraphReader, OnnxNodeView, (GraphNode, int[])>> Operators =
        new Dictionary<string, Func<OnnxGraphReader, OnnxNodeView, (GraphNode, int[])>>(StringComparer.Ordinal)
        {
            ["Conv"] = (r, n) => r.Conv(n),
            ["Gemm"] = (r, n) => r.Gemm(n),
            ["MatMul"] = (r, n) => r.MatMul(n),
            ["BatchNormalization"] = (r, n) => r.BatchNorm(n),
            ["Relu"] = (r, n) => r.Activation(n, Neural.Activation.Relu),
            ["Sigmoid"] = (r, n) => r.Activation(n, Neural.Activation.Sigmoid),
            ["Tanh"] = (r, n) => r.Activation(n, Neural.Activation.Tanh),
            ["LeakyRelu"] = (r, n) => r.Activation(n, Neural.Activation.LeakyRelu, n.Float("alpha", 0.01f)),
            ["Elu"] = (r, n) => r.Activation(n, Neural.Activation.Elu, n.Float("alpha", 1f)),
            ["Softmax"] = (r, n) => r.Softmax(n),
            ["MaxPool"] = (r, n) => r.Pool(n, average: false),
            ["AveragePool"] = (r, n) => r.Pool(n, average: true),
            ["GlobalAveragePool"] = (r, n) => r.GlobalAveragePool(n),
            ["Flatten"] = (r, n) => r.Flatten(n),
            ["Reshape"] = (r, n) => r.ReshapeNode(n),
            ["Concat"] = (r, n) => r.Concat(n),
            ["Slice"] = (r, n) => r.SliceNode(n),
            ["Add"] = (r, n) => r.Arithmetic(n, ConstantOperator.Add),
            ["Sub"] = (r, n) => r.Arithmetic(n, ConstantOperator.Subtract),
            ["Mul"] = (r, n) => r.Arithmetic(n, ConstantOperator.Multiply),
            ["Div"] = (r, n) => r.Arithmetic(n, ConstantOperator.Divide),
            ["Identity"] = (r, n) => r.PassThrough(n),
            ["Dropout"] = (r, n) => r.PassThrough(n),
        };

    /// <summary>The operators MLExt imports, sorted.</summary>
    public static IReadOnlyList<string> SupportedOperators => [.. Operators.Keys.Append("Constant").Append("Split").Order(StringComparer.Ordinal)];

    // Conv(X, W[F, C/g, kH, kW], B?) → Conv2D; W is already in Conv2D's layout.
    private (GraphNode, int[]) Conv(OnnxNodeView node)
    {
        node.AllowAttributes("kernel_shape", "strides", "pads", "dilations", "group", "auto_pad");
        var x = Dynamic(node, 0);
        var w = Constant(node, 1)!;
        var b = Constant(node, 2, required: false);
        if (x.Shape.Length != 3 || w.Dims.Length != 4)
            throw node.Unsupported($"only 2-D convolutions of [channels, height, width] inputs are imported, got input " +
                $"{Tensor.FormatShape(x.Shape)} and kernel {Tensor.FormatShape(w.Dims)}");
        int groups = (int)node.Int("group", 1);
        if (w.Dims[1] * groups != x.Shape[0])
            throw node.Invalid($"its kernel {Tensor.FormatShape(w.Dims)} with {groups} group(s) needs {w.Dims[1] * groups} " +
                $"input channels, the input has {x.Shape[0]}");
        var layer = new Conv2D(w.Dims[0], new Size2D(w.Dims[2], w.Dims[3]), Stride(node), Padding(node), Dilation(node), groups,
            useBias: b is not null);
        return Apply(node, layer, x, () =>
        {
            Copy(layer.Kernel, w.Values, "kernel");
            if (b is not null) Copy(layer.Bias!, b.Values, "bias");
        });
    }

    // Gemm(A, B, C) = α·A·op(B) + β·C → Dense with W = α·op(B) as [in, units] and b = β·C.
    private (GraphNode, int[]) Gemm(OnnxNodeView node)
    {
        node.AllowAttributes("alpha", "beta", "transA", "transB");
        if (node.Int("transA", 0) != 0) throw node.Unsupported("transA = 1 is not supported");
        var x = Dynamic(node, 0);
        var w = Constant(node, 1)!;
        var c = Constant(node, 2, required: false);
        bool transposed = node.Int("transB", 0) != 0;
        float alpha = node.Float("alpha", 1f), beta = node.Float("beta", 1f);
        if (x.Shape.Length != 1 || w.Dims.Length != 2 || w.Dims[transposed ? 1 : 0] != x.Shape[0])
            throw node.Invalid($"its weights {Tensor.FormatShape(w.Dims)} do not fit its input {Tensor.FormatShape(x.Shape)}");
        int inputs = x.Shape[0], units = w.Dims[transposed ? 0 : 1];
        if (c is not null && c.Values.Length != 1 && c.Values.Length != units)
            throw node.Unsupported($"a bias C of shape {Tensor.FormatShape(c.Dims)} is not supported (1 or {units} values)");
        var layer = new Dense(units, useBias: c is not null);
        return Apply(node, layer, x, () =>
        {
            var kernel = new float[inputs * units];
            for (int i = 0; i < inputs; i++)
                for (int u = 0; u < units; u++)
                    kernel[i * units + u] = alpha * w.Values[transposed ? u * inputs + i : i * units + u];
            Copy(layer.Kernel, kernel, "weights");
            if (c is not null) Copy(layer.Bias!, Enumerable.Range(0, units).Select(u => beta * c.Values[c.Values.Length == 1 ? 0 : u]).ToArray(), "bias");
        });
    }

    // MatMul(X, W) with a constant W [in, units] → Dense without bias (over the last axis, as MatMul broadcasts).
    private (GraphNode, int[]) MatMul(OnnxNodeView node)
    {
        node.AllowAttributes();
        var x = Dynamic(node, 0);
        var w = Constant(node, 1)!;
        if (w.Dims.Length != 2 || x.Shape.Length is not (1 or 2) || w.Dims[0] != x.Shape[^1])
            throw node.Unsupported($"only a constant matrix [in, out] applied to [in] or [time, in] values is imported, " +
                $"got {Tensor.FormatShape(w.Dims)} on {Tensor.FormatShape(x.Shape)}");
        var layer = new Dense(w.Dims[1], useBias: false);
        return Apply(node, layer, x, () => Copy(layer.Kernel, w.Values, "weights"));
    }

    // BatchNormalization(X, γ, β, mean, variance) in inference mode → BatchNormalization with those states.
    private (GraphNode, int[]) BatchNorm(OnnxNodeView node)
    {
        node.AllowAttributes("epsilon", "momentum", "spatial", "training_mode", "is_test");
        if (node.Int("training_mode", 0) != 0) throw node.Unsupported("training_mode = 1 is not supported");
        if (node.Int("spatial", 1) != 1) throw node.Unsupported("spatial = 0 is not supported");
        var x = Dynamic(node, 0);
        OnnxConstant gamma = Constant(node, 1)!, beta = Constant(node, 2)!, mean = Constant(node, 3)!, variance = Constant(node, 4)!;
        var layer = new BatchNormalization(node.Float("momentum", 0.9f), node.Float("epsilon", 1e-5f));
        return Apply(node, layer, x, () =>
        {
            Copy(layer.Gamma, gamma.Values, "scale");
            Copy(layer.Beta, beta.Values, "bias");
            Copy(layer.RunningMean, mean.Values, "mean");
            Copy(layer.RunningVariance, variance.Values, "variance");
        });
    }

    private (GraphNode, int[]) Activation(OnnxNodeView node, Activation activation, float alpha = float.NaN)
    {
        node.AllowAttributes("alpha");
        return Apply(node, new ActivationLayer(activation, alpha), Dynamic(node, 0));
    }

    // MLExt's softmax normalises the last axis; ONNX before opset 13 normalises the flattened axes from 'axis' (1).
    private (GraphNode, int[]) Softmax(OnnxNodeView node)
    {
        node.AllowAttributes("axis");
        var x = Dynamic(node, 0);
        int rank = x.Shape.Length + 1;
        long axis = node.Int("axis", _opset >= 13 ? -1 : 1);
        if (axis < 0) axis += rank;
        if (axis != rank - 1) throw node.Unsupported($"softmax over axis {axis} of a rank-{rank} value is not supported (only the last axis)");
        return Apply(node, new ActivationLayer(Neural.Activation.Softmax), x);
    }

    private (GraphNode, int[]) Pool(OnnxNodeView node, bool average)
    {
        node.AllowAttributes("kernel_shape", "strides", "pads", "auto_pad", "ceil_mode", "count_include_pad", "storage_order", "dilations");
        var x = Dynamic(node, 0);
        var kernel = node.Ints("kernel_shape");
        if (kernel is not { Length: 2 } || x.Shape.Length != 3)
            throw node.Unsupported("only 2-D pooling of [channels, height, width] inputs is imported");
        if (node.Int("ceil_mode", 0) != 0) throw node.Unsupported("ceil_mode = 1 is not supported");
        if (Dilation(node) is { Height: not 1 } or { Width: not 1 }) throw node.Unsupported("dilated pooling is not supported");
        var padding = Padding(node);
        if (average && node.Int("count_include_pad", 0) != 0 && padding.ToString() is not ("valid" or "0,0,0,0"))
            throw node.Unsupported("count_include_pad = 1 with padding is not supported (MLExt averages the real values only)");
        var size = new Size2D((int)kernel[0], (int)kernel[1]);
        Layer layer = average ? new AvgPool2D(size, Stride(node), padding) : new MaxPool2D(size, Stride(node), padding);
        return Apply(node, layer, x);
    }

    // GlobalAveragePool keeps [C, 1, 1]: GlobalAveragePool2D ([C]) then Reshape.
    private (GraphNode, int[]) GlobalAveragePool(OnnxNodeView node)
    {
        node.AllowAttributes();
        var x = Dynamic(node, 0);
        if (x.Shape.Length != 3) throw node.Unsupported("only [channels, height, width] inputs are imported");
        var pooled = Apply(node, new GlobalAveragePool2D(), x);
        _squeezed[node.Proto.Output[0]] = node;
        return pooled;
    }

    private (GraphNode, int[]) Flatten(OnnxNodeView node)
    {
        node.AllowAttributes("axis");
        bool squeezed = IsSqueezed(node);
        var x = Dynamic(node, 0, keepSqueezed: true);
        long axis = node.Int("axis", 1);
        if (axis < 0) axis += (squeezed ? 3 : x.Shape.Length) + 1;
        if (axis != 1) throw node.Unsupported($"axis {axis} is not supported (only 1: one vector per sample)");
        return squeezed ? x : Apply(node, new Flatten(), x);
    }

    // Reshape(X, shape): the first entry is the batch (0, −1 or the batch size); 0 elsewhere copies the input's size.
    private (GraphNode, int[]) ReshapeNode(OnnxNodeView node)
    {
        node.AllowAttributes("allowzero", "shape");
        if (node.Int("allowzero", 0) != 0) throw node.Unsupported("allowzero = 1 is not supported");
        bool squeezed = IsSqueezed(node);
        var x = Dynamic(node, 0, keepSqueezed: true);
        if (squeezed) x = (x.Node, [x.Shape[0], 1, 1]);
        var shape = (node.Ints("shape") ?? Constant(node, 1)!.Integers) ?? throw node.Unsupported("the target shape must be integers");
        if (shape.Length < 2 || shape[0] is not (0 or -1 or 1))
            throw node.Unsupported($"the target shape {string.Join(",", shape)} must keep the batch as its first dimension");
        var target = shape.Skip(1).Select((d, i) => d == 0 ? (i + 1 < x.Shape.Length + 1 ? x.Shape[i] : 0) : (int)d).ToArray();
        if (shape[0] == -1 && target.Contains(-1)) throw node.Unsupported("two dimensions to infer are not supported");
        if (squeezed && (target.SequenceEqual([x.Shape[0]]) || target.SequenceEqual([-1]))) return (x.Node, [x.Shape[0]]);
        if (squeezed) x = (x.Node, [x.Shape[0]]);
        Reshape layer;
        try
        {
            layer = new Reshape(target);
        }
        catch (ArgumentException e)
        {
            throw node.Invalid(e.Message);
        }
        return Apply(node, layer, x);
    }

    private (GraphNode, int[]) Concat(OnnxNodeView node)
    {
        node.AllowAttributes("axis");
        var inputs = Enumerable.Range(0, node.Proto.Input.Count).Select(i => Dynamic(node, i)).ToArray();
        int rank = inputs[0].Shape.Length + 1;
        long axis = node.Int("axis", 1);
        if (axis < 0) axis += rank;
        if (axis <= 0 || axis >= rank) throw node.Unsupported($"concatenation along axis {axis} is not supported");
        int a = (int)axis - 1;
        if (inputs.Any(i => i.Shape.Length != rank - 1 || i.Shape.Where((d, k) => k != a && d != inputs[0].Shape[k]).Any()))
            throw node.Invalid($"its inputs {string.Join(", ", inputs.Select(i => Tensor.FormatShape(i.Shape)))} do not fit along axis {axis}");
        var shape = (int[])inputs[0].Shape.Clone();
        shape[a] = inputs.Sum(i => i.Shape[a]);
        if (inputs.Length == 1) return PassThrough(node);
        return Merge(node, new Concatenate(a), inputs, shape);
    }

    // Slice(X, starts, ends, axes?, steps?) with step 1 → one Slice layer per axis (opset < 10: attributes).
    private (GraphNode, int[]) SliceNode(OnnxNodeView node)
    {
        node.AllowAttributes("starts", "ends", "axes");
        var x = Dynamic(node, 0);
        long[] starts = node.Ints("starts") ?? Constant(node, 1)!.Integers!, ends = node.Ints("ends") ?? Constant(node, 2)!.Integers!;
        long[] axes = node.Ints("axes") ?? Constant(node, 3, required: false)?.Integers ?? [.. Enumerable.Range(0, starts.Length).Select(i => (long)i)];
        long[]? steps = Constant(node, 4, required: false)?.Integers;
        if (steps is not null && steps.Any(s => s != 1)) throw node.Unsupported("steps other than 1 are not supported");
        int rank = x.Shape.Length + 1;
        var value = x;
        for (int k = 0; k < axes.Length; k++)
        {
            long axis = axes[k] < 0 ? axes[k] + rank : axes[k];
            if (axis <= 0 || axis >= rank) throw node.Unsupported($"slicing axis {axes[k]} (the batch or beyond) is not supported");
            int size = value.Shape[axis - 1];
            long start = Math.Clamp(starts[k] < 0 ? starts[k] + size : starts[k], 0, size);
            long end = Math.Clamp(ends[k] < 0 ? ends[k] + size : ends[k], 0, size);
            if (end <= start) throw node.Unsupported("an empty slice is not supported");
            value = Apply(node, new Slice((int)axis - 1, (int)start, (int)(end - start)), value);
        }
        return value;
    }

    // Split(X, split?) along a sample axis: one Slice layer per output.
    private void SplitNode(OnnxNodeView node)
    {
        node.AllowAttributes("axis", "split", "num_outputs");
        var x = Dynamic(node, 0);
        int rank = x.Shape.Length + 1;
        long axis = node.Int("axis", 0);
        if (axis < 0) axis += rank;
        if (axis <= 0 || axis >= rank) throw node.Unsupported($"splitting along axis {axis} (the batch or beyond) is not supported");
        int outputs = node.Proto.Output.Count, size = x.Shape[axis - 1];
        long[] sizes = node.Ints("split") ?? Constant(node, 1, required: false)?.Integers
            ?? [.. Enumerable.Range(0, outputs).Select(i => (long)((size + outputs - 1) / outputs))];
        if (sizes.Length != outputs || sizes.Take(outputs - 1).Sum() >= size)
            throw node.Invalid($"its parts [{string.Join(", ", sizes)}] do not fit {size} positions");
        long start = 0;
        for (int i = 0; i < outputs; i++)
        {
            long length = i == outputs - 1 ? size - start : sizes[i];
            var part = Apply(node, new Slice((int)axis - 1, (int)start, (int)length), x);
            _isChain = false;
            _values[node.Proto.Output[i]] = part;
            start += length;
        }
    }

    // x ∘ y of two computed values is a merge; with a constant it is a ConstantOperation.
    private (GraphNode, int[]) Arithmetic(OnnxNodeView node, ConstantOperator op)
    {
        node.AllowAttributes();
        if (node.Proto.Input.Count != 2) throw node.Invalid("it needs two inputs");
        bool firstConstant = IsConstant(node, 0), secondConstant = IsConstant(node, 1);
        if (firstConstant && secondConstant) throw node.Unsupported("both inputs are constants");
        if (firstConstant || secondConstant)
        {
            var x = Dynamic(node, firstConstant ? 1 : 0);
            var c = Constant(node, firstConstant ? 0 : 1)!;
            if (firstConstant && op == ConstantOperator.Divide) throw node.Unsupported("dividing a constant by a value is not supported");
            var actual = firstConstant && op == ConstantOperator.Subtract ? ConstantOperator.SubtractFrom : op;
            // ONNX broadcasts against [N, ...sample]: a leading batch dimension of 1 is dropped.
            var dims = c.Dims.Length == x.Shape.Length + 1 && c.Dims[0] == 1 ? c.Dims[1..] : c.Dims;
            if (dims.Length > x.Shape.Length)
                throw node.Unsupported($"a constant of shape {Tensor.FormatShape(c.Dims)} varies along the batch");
            return Apply(node, new ConstantOperation(actual, dims.Length == 0 ? [1] : dims, c.Values), x);
        }
        var a = Dynamic(node, 0);
        var b = Dynamic(node, 1);
        if (!a.Shape.SequenceEqual(b.Shape))
            throw node.Unsupported($"broadcasting between computed values of shapes {Tensor.FormatShape(a.Shape)} and " +
                $"{Tensor.FormatShape(b.Shape)} is not supported");
        Merge merge = op switch
        {
            ConstantOperator.Add => new Add(),
            ConstantOperator.Subtract => new Subtract(),
            ConstantOperator.Multiply => new Multiply(),
            _ => throw node.Unsupported("dividing two computed values is not supported"),
        };
        return Merge(node, merge, [a, b], a.Shape);
    }

    private (GraphNode, int[]) PassThrough(OnnxNodeView node)
    {
        if (node.Operator == "Dropout" && node.Proto.Input.Count > 2 && IsConstant(node, 2) && Constant(node, 2)!.Values[0] != 0)
            throw node.Unsupported("training_mode = true is not supported");
        return Dynamic(node, 0);
    }

    // Whether the node's first input is a GlobalAveragePool output still held as [C].
    private bool IsSqueezed(OnnxNodeView node) => node.Proto.Input.Count > 0 && _squeezed.ContainsKey(node.Proto.Input[0]);

    private static Size2D Stride(OnnxNodeView node) => node.Ints("strides") is { Length: 2 } s ? new Size2D((int)s[0], (int)s[1]) : 1;

    private static Size2D Dilation(OnnxNodeView node) => node.Ints("dilations") is { Length: 2 } d ? new Size2D((int)d[0], (int)d[1]) : 1;

    // auto_pad, or pads [top, left, bottom, right].
    private static Padding Padding(OnnxNodeView node)
    {
        switch (node.Text("auto_pad", "NOTSET"))
        {
            case "VALID": return Neural.Padding.Valid;
            case "SAME_UPPER": return Neural.Padding.Same;
            case "NOTSET" or "": break;
            default: throw node.Unsupported($"auto_pad = {node.Text("auto_pad", "")} is not supported");
        }
        var pads = node.Ints("pads") ?? [0, 0, 0, 0];
        if (pads.Length != 4 || pads.Any(p => p < 0)) throw node.Unsupported($"pads [{string.Join(", ", pads)}] are not supported");
        return Neural.Padding.Explicit((int)pads[0], (int)pads[2], (int)pads[1], (int)pads[3]);
    }
}
