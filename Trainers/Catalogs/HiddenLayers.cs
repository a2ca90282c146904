using MLExt.Neural;

namespace MLExt.Trainers;

/// <summary>Hidden-layer lists for the catalog's simple overloads.</summary>
internal static class HiddenLayers
{
    /// <summary>One ReLU dense layer per width; null gives one layer of 128.</summary>
    public static List<Layer> Relu(int[]? widths)
    {
        widths ??= [128];
        foreach (int w in widths)
            if (w <= 0) throw new ArgumentOutOfRangeException("hiddenLayers", w, "Every hidden layer width must be positive.");
        return widths.Select(w => Layer.Dense(w, Activation.Relu)).ToList();
    }
}
