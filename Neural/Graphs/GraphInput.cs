namespace MLExt.Neural;

/// <summary>A named input of a built <see cref="ModelGraph"/>.</summary>
public sealed class GraphInput
{
    internal GraphInput(string name, int[] shape, GraphInputKind kind)
    {
        Name = name;
        Shape = shape;
        Kind = kind;
    }

    /// <summary>The input's name.</summary>
    public string Name { get; }

    /// <summary>The per-sample shape (batch excluded). Do not modify the array.</summary>
    public int[] Shape { get; }

    /// <summary>Float values or token ids.</summary>
    public GraphInputKind Kind { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Name} {Tensor.FormatShape(Shape)}{(Kind == GraphInputKind.TokenIds ? " token ids" : "")}";
}
