namespace MLExt.Neural;

/// <summary>A named output of a built <see cref="ModelGraph"/>.</summary>
public sealed class GraphOutput
{
    internal GraphOutput(string name, string node, int[] shape)
    {
        Name = name;
        Node = node;
        Shape = shape;
    }

    /// <summary>The output's name (losses and ONNX outputs refer to it).</summary>
    public string Name { get; }

    /// <summary>The name of the node whose value it is.</summary>
    public string Node { get; }

    /// <summary>The per-sample shape (batch excluded). Do not modify the array.</summary>
    public int[] Shape { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Name} {Tensor.FormatShape(Shape)} (node '{Node}')";
}
