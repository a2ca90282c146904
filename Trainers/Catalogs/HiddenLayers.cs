using MLExt.Neural;

namespace MLExt.Trainers;

/// <summary>Hidden-layer lists for the catalog's simple overloads.</summary>
internal static class HiddenLayers
{
    /// <summary>One ReLU dense layer per width; null gives one layer of <see cref="TrainingDefaults.HiddenLayerWidth"/>.</summary>
    public static List<Layer> Relu(int[]? widths)
    {
        widths ??= [TrainingDefaults.HiddenLayerWidth];
        foreach (int w in widths)
            SettingCheck.Require(w > 0, "hiddenLayers", w, "a list of positive widths");
        return widths.Select(w => Layer.Dense(w, Activation.Relu)).ToList();
    }
}
