using MLExt.Neural;
using Microsoft.ML;

namespace MLExt.Trainers;

/// <summary>
/// Settings shared by MLExt's neural-network trainers: the engine's <see cref="TrainingSettings"/> (epochs, batch size,
/// optimiser, regularisation, clipping, early stopping, progress, checkpoints) plus the columns, the layers, validation
/// data and the seed. Plain settings: the trainer checks them with <see cref="Validate"/> at <c>Fit</c>, before reading
/// any data, and throws an <see cref="ArgumentException"/> naming the option.
/// </summary>
public abstract class NeuralNetworkOptions : TrainingSettings
{
    /// <summary>Sets the optimiser to <see cref="TrainingDefaults.CreateOptimizer"/>: Adam at learning rate 0.001.</summary>
    protected NeuralNetworkOptions() => Optimizer = TrainingDefaults.CreateOptimizer();

    /// <summary>The label column. Default <c>Label</c>.</summary>
    public string LabelColumnName { get; set; } = ColumnNames.Label;

    /// <summary>The feature column: a known-size vector of <see cref="float"/>. Default <c>Features</c>.</summary>
    public string FeatureColumnName { get; set; } = ColumnNames.Features;

    /// <summary>
    /// The shape of one row's features as the network sees it, such as <c>[channels, height, width]</c> for
    /// images (planar, channel-major, as <c>ExtractPixels</c> produces by default); its product must equal the
    /// feature vector's size. Null (the default) takes the feature column's own dimensions when it has three
    /// (the output of <c>LoadImages → ResizeImages → ExtractPixels</c>), and a flat vector otherwise.
    /// Dense layers that follow a non-flat shape get a <see cref="Flatten"/> inserted before them.
    /// </summary>
    public int[]? InputShape { get; set; }

    /// <summary>
    /// The hidden layers, in order. The trainer adds the output layer (one unit per class, or one
    /// unit) itself. These are templates: each <c>Fit</c> builds fresh copies, so options can be reused. A template's
    /// training settings carry over: <see cref="Layer.LearningRateMultiplier"/> (discriminative rates),
    /// <see cref="Layer.Trainable"/> (false keeps the layer at its initialisation: a fixed random projection) and a batch
    /// normalisation's <see cref="BatchNormalization.UpdateStatistics"/>.
    /// </summary>
    public List<Layer> Layers { get; set; } = [];

    /// <summary>
    /// A model graph instead of <see cref="Layers"/>: called at every <c>Fit</c> (so each fold of a cross-validation
    /// gets fresh layers) with the per-row shape of each bound column and the task's output width, it describes a graph
    /// whose inputs are the keys of <see cref="GraphInputColumns"/> and whose output (<see cref="GraphOutputName"/>, or
    /// the only one) gives the raw scores: <see cref="GraphShapes.OutputUnits"/> values per row (logits for
    /// classification). Null (the default) trains the chain of <see cref="Layers"/> on the feature column.
    /// </summary>
    public Func<GraphShapes, GraphBuilder>? Graph { get; set; }

    /// <summary>
    /// With <see cref="Graph"/>: graph input name → the column it reads, a known-size vector of <see cref="float"/>
    /// (numeric features from <c>Concatenate</c>, pixels from <c>ExtractPixels</c>, token ids from
    /// <c>TokenizeToIds</c>). Each graph input needs one column and each column feeds one input.
    /// </summary>
    public Dictionary<string, string> GraphInputColumns { get; set; } = [];

    /// <summary>With <see cref="Graph"/>: the graph output trained for the task; null takes the graph's only output.</summary>
    public string? GraphOutputName { get; set; }

    /// <summary>
    /// Fraction of the training rows (in [0, 1)) held out, by a seeded random split, to validate
    /// after each epoch. Ignored when <see cref="ValidationData"/> is set. Default 0.
    /// </summary>
    public float ValidationFraction { get; set; }

    /// <summary>A separate validation set with the same columns, or null.</summary>
    public IDataView? ValidationData { get; set; }

    /// <summary>
    /// Seed for initialisation, the validation split, shuffling and dropout. Null takes one from the
    /// <c>MLContext</c> (reproducible when the context has a seed).
    /// </summary>
    public int? Seed { get; set; }

    /// <summary>
    /// When true and the file at <see cref="TrainingSettings.CheckpointPath"/> exists, <c>Fit</c> continues the run saved
    /// there (same data, options and seed) instead of starting over; the result equals, bit for bit, a run
    /// that was never interrupted. Without a file it trains from the start. Default false.
    /// </summary>
    public bool ResumeFromCheckpoint { get; set; }

    /// <summary>
    /// Checks every option with <see cref="SettingCheck"/>, naming an option as <paramref name="userName"/> maps its
    /// property name (null, or a null result, keeps the property name; the command line maps to its own options).
    /// </summary>
    /// <exception cref="SettingOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="ArgumentException">A column name is empty, or resuming without a checkpoint file.</exception>
    /// <exception cref="ArgumentNullException">No layer list or optimizer.</exception>
    public virtual void Validate(Func<string, string?>? userName = null)
    {
        string Name(string property) => userName?.Invoke(property) ?? property;
        if (string.IsNullOrWhiteSpace(FeatureColumnName))
            throw new ArgumentException($"{Name(nameof(FeatureColumnName))} must name a column.", Name(nameof(FeatureColumnName)));
        if (Layers is null)
            throw new ArgumentNullException(Name(nameof(Layers)), $"{Name(nameof(Layers))} must be a list (empty for no hidden layer).");
        if (Graph is not null) ValidateGraph(Name);
        SettingCheck.Fraction(ValidationFraction, Name(nameof(ValidationFraction)));
        ValidateSettings(userName);
        if (ResumeFromCheckpoint && string.IsNullOrWhiteSpace(CheckpointPath))
            throw new ArgumentException($"{Name(nameof(ResumeFromCheckpoint))} needs {Name(nameof(CheckpointPath))}, the checkpoint file to resume from.",
                Name(nameof(CheckpointPath)));
    }

    private void ValidateGraph(Func<string, string> name)
    {
        if (Layers is { Count: > 0 })
            throw new ArgumentException($"Set {name(nameof(Layers))} or {name(nameof(Graph))}, not both: a graph holds its own layers.", name(nameof(Layers)));
        if (InputShape is not null)
            throw new ArgumentException($"{name(nameof(InputShape))} applies to {name(nameof(Layers))}; with {name(nameof(Graph))} each input declares its shape.", name(nameof(InputShape)));
        if (GraphInputColumns is null || GraphInputColumns.Count == 0)
            throw new ArgumentException($"{name(nameof(GraphInputColumns))} must bind each input of the graph to a column.", name(nameof(GraphInputColumns)));
        foreach (var (input, column) in GraphInputColumns)
            if (string.IsNullOrWhiteSpace(column))
                throw new ArgumentException($"{name(nameof(GraphInputColumns))}: graph input '{input}' must name a column.", name(nameof(GraphInputColumns)));
        var shared = GraphInputColumns.GroupBy(p => p.Value, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (shared is not null)
            throw new ArgumentException($"{name(nameof(GraphInputColumns))}: column '{shared.Key}' feeds graph inputs {string.Join(" and ", shared.Select(p => $"'{p.Key}'"))}; " +
                "give each input its own column (copy it with mlContext.Transforms.CopyColumns) or share a layer inside the graph.", name(nameof(GraphInputColumns)));
    }
}
