using MLExt.Neural;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExt.Trainers;

/// <summary>
/// The per-row shape the network sees: the options' <see cref="NeuralNetworkOptions.InputShape"/>, else the
/// feature column's own three dimensions (ML.NET's <c>ExtractPixels</c> gives planar [channels, height, width]),
/// else a flat vector. Also assembles the layer list, adding a <see cref="Flatten"/> wherever a dense layer
/// would otherwise receive a non-flat input.
/// </summary>
internal static class FeatureShapes
{
    /// <summary>The shape of one row's features.</summary>
    /// <exception cref="ArgumentOutOfRangeException">InputShape has a non-positive dimension.</exception>
    /// <exception cref="ArgumentException">InputShape does not hold the column's number of values, or the column looks interleaved.</exception>
    public static int[] Resolve(int[]? inputShape, DataViewSchema.Column features)
    {
        var vector = (VectorDataViewType)features.Type;
        int size = vector.Size;
        if (inputShape is not null)
        {
            if (inputShape.Length == 0 || inputShape.Any(d => d <= 0))
                throw new ArgumentOutOfRangeException(nameof(NeuralNetworkOptions.InputShape), Tensor.FormatShape(inputShape),
                    "InputShape needs at least one dimension and every dimension must be positive, such as [channels, height, width].");
            long product = inputShape.Aggregate(1L, (p, d) => p * d);
            if (product != size)
                throw new ArgumentException(
                    $"InputShape {Tensor.FormatShape(inputShape)} holds {product} values but feature column '{features.Name}' has {size} per row.",
                    nameof(NeuralNetworkOptions.InputShape));
            return (int[])inputShape.Clone();
        }
        var dimensions = vector.Dimensions;
        if (dimensions.Length != 3) return [size];
        if (dimensions[0] > 4 && dimensions[2] <= 4)
            throw new ArgumentException(
                $"Feature column '{features.Name}' has dimensions {Tensor.FormatShape(dimensions.AsSpan())}, which look like interleaved pixels [height, width, colors]; " +
                "the networks take planar images [channels, height, width]: use ExtractPixels with interleavePixelColors: false (the default), or set InputShape if the order really is [channels, height, width].",
                "featureColumnName");
        return dimensions.ToArray();
    }

    /// <summary>
    /// Fresh copies of the hidden layers plus the output layer, with a <see cref="Flatten"/> inserted before any
    /// dense layer whose input would have more than one dimension.
    /// </summary>
    public static List<Layer> Assemble(IEnumerable<Layer> hidden, Layer output, int[] featureShape)
    {
        var layers = new List<Layer>();
        int[]? shape = featureShape;
        foreach (var layer in hidden.Select(l => l.CloneUnbuilt()).Append(output))
        {
            if (layer is Dense && shape is { Length: > 1 })
            {
                layers.Add(new Flatten());
                shape = [Tensor.Product(shape)];
            }
            layers.Add(layer);
            shape = shape is null ? null : OutputShape(layer, shape);
        }
        return layers;
    }

    /// <summary>The layer's output shape for <paramref name="input"/> by the engine's shape inference; null when the layer rejects it (Network.Build then reports it).</summary>
    private static int[]? OutputShape(Layer layer, int[] input)
    {
        try
        {
            return layer.ComputeOutputShape(input);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
