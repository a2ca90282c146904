namespace MLExt.Neural;

/// <summary>One input or output of an ONNX graph as <see cref="OnnxModelSummary"/> reports it.</summary>
/// <param name="Name">The value's name in the graph.</param>
/// <param name="ElementType">The tensor element type in lower case, such as <c>float</c> or <c>int64</c>.</param>
/// <param name="Shape">One entry per dimension: its size, or its symbolic name (such as <c>N</c>), or <c>?</c>.</param>
public sealed record OnnxValueSummary(string Name, string ElementType, IReadOnlyList<string> Shape)
{
    /// <summary>The shape as text, such as <c>[N, 4]</c>.</summary>
    public string ShapeText => "[" + string.Join(", ", Shape) + "]";
}
