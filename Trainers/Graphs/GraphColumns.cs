using MLExt.Neural;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExt.Trainers;

/// <summary>
/// Binds a user's model graph to columns (<see cref="NeuralNetworkOptions.GraphInputColumns"/>) and checks the pair
/// before any data is read: every bound column exists and is a known-size vector of Single, every graph input has a
/// column of its width, and the trained output has the task's width. Messages name the column, the graph input or
/// output and what was expected.
/// </summary>
internal static class GraphColumns
{
    private const string Option = nameof(NeuralNetworkOptions.GraphInputColumns);

    /// <summary>The bound columns with their per-row shapes (an image column's three dimensions, else its width).</summary>
    /// <exception cref="ArgumentException">A column is missing or not a known-size vector of Single.</exception>
    public static List<ColumnBinding> Resolve(DataViewSchema schema, IReadOnlyDictionary<string, string> inputColumns, string role)
    {
        var bindings = new List<ColumnBinding>();
        foreach (var (input, name) in inputColumns)
        {
            var column = schema.GetColumnOrNull(name)
                ?? throw new ArgumentException($"Column '{name}', bound to graph input '{input}' in {Option}, was not found in the {role} data; it has " +
                    $"{string.Join(", ", schema.Where(c => !c.IsHidden).Select(c => $"'{c.Name}'"))}.", Option);
            if (column.Type is not VectorDataViewType { ItemType: var item, Size: > 0 } vector || item != NumberDataViewType.Single)
                throw new ArgumentException($"Column '{name}' (graph input '{input}') has type {column.Type}; a graph input reads a known-size " +
                    "vector of Single (numbers: mlContext.Transforms.Concatenate; images: ExtractPixels; text: TokenizeToIds).", Option);
            int[] shape = vector.Dimensions.Length == 3 ? vector.Dimensions.ToArray() : [vector.Size];
            bindings.Add(new ColumnBinding(input, name, shape, FromGraph: true));
        }
        return bindings;
    }

    /// <summary>Checks the validation data's bound columns have the training data's widths.</summary>
    /// <exception cref="ArgumentException">A width differs; names the column and both widths.</exception>
    public static void CheckSameWidths(IReadOnlyList<ColumnBinding> training, IReadOnlyList<ColumnBinding> validation)
    {
        for (int i = 0; i < training.Count; i++)
            if (training[i].Size != validation[i].Size)
                throw new ArgumentException($"{validation[i].Describe()} has {validation[i].Size} values per row in the validation data but " +
                    $"{training[i].Size} in the training data.", nameof(NeuralNetworkOptions.ValidationData));
    }

    /// <summary>
    /// The bindings in the order of <paramref name="graph"/>'s inputs, each with the input's shape, and the index of the
    /// output trained for the task.
    /// </summary>
    /// <exception cref="ArgumentException">A graph input has no column or one of another width, a column is bound to no
    /// graph input, the output is missing or does not have <paramref name="units"/> values per row.</exception>
    public static (ColumnBinding[] Bindings, int Output) Bind(ModelGraph graph, IReadOnlyList<ColumnBinding> bindings, string? outputName,
        int units, string task)
    {
        var ordered = new ColumnBinding[graph.Inputs.Count];
        for (int i = 0; i < ordered.Length; i++)
        {
            var input = graph.Inputs[i];
            var binding = bindings.FirstOrDefault(b => b.Input == input.Name)
                ?? throw new ArgumentException($"Graph input '{input.Name}' {Tensor.FormatShape(input.Shape)} has no column: add it to {Option}.", Option);
            if (Tensor.Product(input.Shape) != binding.Size)
                throw new ArgumentException($"{binding.Describe()} has {binding.Size} values per row ({Tensor.FormatShape(binding.Shape)}), but graph input " +
                    $"'{input.Name}' takes {Tensor.FormatShape(input.Shape)}, {Tensor.Product(input.Shape)} values" +
                    (input.Kind == GraphInputKind.TokenIds ? " (token ids: set TokenizeToIds' MaximumLength to the input's length)." : "."), Option);
            ordered[i] = binding with { Shape = (int[])input.Shape.Clone() };
        }
        foreach (var binding in bindings)
            if (!graph.Inputs.Any(i => i.Name == binding.Input))
                throw new ArgumentException($"{Option} binds column '{binding.Column}' to graph input '{binding.Input}', which the graph does not have; " +
                    $"inputs: {string.Join(", ", graph.Inputs.Select(i => $"'{i.Name}'"))}.", Option);
        return (ordered, TaskOutput(graph, outputName, units, task));
    }

    private static int TaskOutput(ModelGraph graph, string? outputName, int units, string task)
    {
        const string output = nameof(NeuralNetworkOptions.GraphOutputName);
        int index;
        if (outputName is null)
        {
            if (graph.Outputs.Count != 1)
                throw new ArgumentException($"The graph has {graph.Outputs.Count} outputs ({string.Join(", ", graph.Outputs.Select(o => $"'{o.Name}'"))}); " +
                    $"set {output} to the one the {task} trainer trains.", output);
            index = 0;
        }
        else index = graph.OutputIndex(outputName);
        var shape = graph.Outputs[index].Shape;
        if (shape.Length != 1 || shape[0] != units)
            throw new ArgumentException($"Graph output '{graph.Outputs[index].Name}' has shape {Tensor.FormatShape(shape)}, but a {task} network " +
                $"outputs [{units}] per row ({Describes(task, units)}): end it with a Dense({units}) without activation.", output);
        return index;
    }

    private static string Describes(string task, int units) => task switch
    {
        "multiclass" => $"one logit per class, {units} classes",
        "binary" => "one logit",
        _ => "one value",
    };
}
