using System.Globalization;
using MLExt.Neural;
using MLExt.Trainers;

namespace MLExt.Cli.Training;

/// <summary>The network and training settings the CLI hands to MLExt's trainers.</summary>
/// <param name="HiddenLayers">Hidden layer templates, in order; the trainer adds the output layer.</param>
/// <param name="Epochs">Passes over the training data.</param>
/// <param name="LearningRate">Adam's learning rate.</param>
/// <param name="BatchSize">Rows per gradient step.</param>
/// <param name="L2">L2 penalty on weights.</param>
/// <param name="Seed">Seed of initialisation, shuffling, dropout and the validation split.</param>
/// <param name="ValidationFraction">Fraction of the training rows held out to validate after each epoch (0: none).</param>
/// <param name="Patience">Early-stopping patience in epochs on the validation loss (0: off).</param>
/// <param name="GradientClipNorm">Gradients are rescaled to this global L2 norm at most (null: no clipping).</param>
/// <param name="LabelScaling">Regression: how the label is scaled for training (undone in the model).</param>
/// <param name="Graph">A model graph instead of <paramref name="HiddenLayers"/> (the two-input text model), or null.</param>
/// <param name="GraphInputColumns">With <paramref name="Graph"/>: graph input → column.</param>
internal sealed record NetworkSettings(
    IReadOnlyList<Layer> HiddenLayers, int Epochs, float LearningRate, int BatchSize, float L2, int Seed,
    float ValidationFraction, int Patience, float? GradientClipNorm = null,
    RegressionLabelScaling LabelScaling = RegressionLabelScaling.Standardize,
    Func<GraphShapes, GraphBuilder>? Graph = null, IReadOnlyDictionary<string, string>? GraphInputColumns = null)
{
    /// <summary>These settings with a batch size chosen from <paramref name="trainingRows"/> when none was given (0).</summary>
    public NetworkSettings ForRows(long trainingRows) =>
        BatchSize > 0 ? this : this with { BatchSize = TabularDefaults.BatchSize(trainingRows) };

    /// <summary>ReLU dense layers of the given widths, each followed by dropout at <paramref name="dropout"/> when it is above 0.</summary>
    public static List<Layer> ReluLayers(IEnumerable<int> widths, float dropout)
    {
        var layers = new List<Layer>();
        foreach (int width in widths)
        {
            layers.Add(Layer.Dense(width, Activation.Relu));
            if (dropout > 0)
                layers.Add(Layer.Dropout(dropout));
        }
        return layers;
    }

    /// <summary>Copies these settings into a trainer's options, with <paramref name="progress"/> as its progress sink.</summary>
    public T Apply<T>(T options, IProgress<TrainingProgress>? progress) where T : NeuralNetworkOptions
    {
        options.Layers = [.. HiddenLayers];
        options.Graph = Graph;
        options.GraphInputColumns = GraphInputColumns is null ? [] : new Dictionary<string, string>(GraphInputColumns);
        options.Optimizer = new AdamOptimizer { LearningRate = LearningRate };
        options.NumberOfEpochs = Epochs;
        options.BatchSize = BatchSize;
        options.L2Regularization = L2;
        options.Seed = Seed;
        options.ValidationFraction = ValidationFraction;
        options.EarlyStopping = Patience > 0 && ValidationFraction > 0
            ? new EarlyStopping { Patience = Patience, RestoreBestWeights = true }
            : null;
        options.GradientClipNorm = GradientClipNorm;
        options.Progress = progress;
        if (options is NeuralNetworkRegressionTrainer.Options regression)
            regression.LabelScaling = LabelScaling;
        return options;
    }

    /// <summary>A one-line description, e.g. <c>Adam lr 0.001, batch 64, up to 10 epochs, L2 0, early stopping patience 3 on 10% validation</c>.</summary>
    public string Describe()
    {
        string text = string.Create(CultureInfo.InvariantCulture,
            $"Adam lr {LearningRate}, batch {BatchSize}, {(Patience > 0 && ValidationFraction > 0 ? "up to " : "")}{Epochs} epochs, L2 {L2}, seed {Seed}");
        if (ValidationFraction > 0)
            text += string.Create(CultureInfo.InvariantCulture, $", {ValidationFraction * 100:0.#}% of train held out for validation");
        if (Patience > 0 && ValidationFraction > 0)
            text += $", early stopping patience {Patience}";
        if (LabelScaling != RegressionLabelScaling.Standardize)
            text += $", label scaling {LabelScaling}";
        return text;
    }
}
