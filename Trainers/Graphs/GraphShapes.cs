using MLExt.Neural;

namespace MLExt.Trainers;

/// <summary>
/// What <see cref="NeuralNetworkOptions.Graph"/> is given to describe its graph: the per-row shape of the column bound
/// to each graph input (three dimensions for an image column from <c>ExtractPixels</c>, else the vector's width) and
/// the width of the task's output.
/// </summary>
public sealed class GraphShapes
{
    private readonly IReadOnlyDictionary<string, int[]> _inputs;

    internal GraphShapes(IReadOnlyDictionary<string, int[]> inputs, int outputUnits, string task)
    {
        _inputs = inputs;
        OutputUnits = outputUnits;
        Task = task;
    }

    /// <summary>The graph input names bound to columns.</summary>
    public IReadOnlyCollection<string> InputNames => _inputs.Keys.ToArray();

    /// <summary>Values per row of the task's output: the classes for multiclass, 1 for binary and regression.</summary>
    public int OutputUnits { get; }

    /// <summary>The task: <c>multiclass</c>, <c>binary</c> or <c>regression</c>.</summary>
    public string Task { get; }

    /// <summary>The per-row shape of the column bound to graph input <paramref name="input"/> (a new array).</summary>
    /// <exception cref="ArgumentException">No column is bound to that input; the message lists the bound inputs.</exception>
    public int[] Of(string input) => _inputs.TryGetValue(input, out var shape) ? (int[])shape.Clone()
        : throw new ArgumentException($"No column is bound to graph input '{input}' in {nameof(NeuralNetworkOptions.GraphInputColumns)}; " +
            $"bound inputs: {string.Join(", ", _inputs.Keys.Select(k => $"'{k}'"))}.", nameof(input));

    /// <inheritdoc/>
    public override string ToString() =>
        string.Join(", ", _inputs.Select(p => $"{p.Key} {Tensor.FormatShape(p.Value)}")) + $" → {OutputUnits} ({Task})";
}
