using MLExt.Neural;
using Microsoft.ML;

namespace MLExt.Trainers;

/// <summary>
/// Settings shared by MLExt's neural-network trainers. Plain settings: the trainer validates them
/// at <c>Fit</c> and throws <see cref="ArgumentOutOfRangeException"/> naming the option.
/// </summary>
public abstract class NeuralNetworkOptions
{
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
    /// unit) itself. These are templates: each <c>Fit</c> builds fresh copies, so options can be reused.
    /// </summary>
    public List<Layer> Layers { get; set; } = [];

    /// <summary>The update rule and its learning rate. Default Adam with learning rate 0.001.</summary>
    public Optimizer Optimizer { get; set; } = new AdamOptimizer { LearningRate = 1e-3f };

    /// <summary>Passes over the training data (≥ 1). Default 10.</summary>
    public int NumberOfEpochs { get; set; } = 10;

    /// <summary>Rows per gradient step (≥ 1). Default 32.</summary>
    public int BatchSize { get; set; } = 32;

    /// <summary>λ1 of the L1 penalty λ1·Σ|w| on weights (not biases). Default 0.</summary>
    public float L1Regularization { get; set; }

    /// <summary>λ2 of the L2 penalty ½λ2·Σw² on weights (not biases). Default 0.</summary>
    public float L2Regularization { get; set; }

    /// <summary>
    /// When set, gradients are rescaled to this global L2 norm at most. Default null: no clipping, except that a
    /// network with a recurrent layer (SimpleRnn, Lstm, Gru, Bidirectional) and no <see cref="GradientClipValue"/> is
    /// clipped at global norm 5 (<see cref="TrainingOptions.RecurrentGradientClipNorm"/>); set <see cref="float.MaxValue"/>
    /// to train one without clipping.
    /// </summary>
    public float? GradientClipNorm { get; set; }

    /// <summary>When set, each gradient value is clamped to ±this.</summary>
    public float? GradientClipValue { get; set; }

    /// <summary>Early stopping, or null to train for every epoch.</summary>
    public EarlyStopping? EarlyStopping { get; set; }

    /// <summary>
    /// Fraction of the training rows (in [0, 1)) held out, by a seeded random split, to validate
    /// after each epoch. Ignored when <see cref="ValidationData"/> is set. Default 0.
    /// </summary>
    public float ValidationFraction { get; set; }

    /// <summary>A separate validation set with the same columns, or null.</summary>
    public IDataView? ValidationData { get; set; }

    /// <summary>Whether to shuffle the rows each epoch. Default true.</summary>
    public bool Shuffle { get; set; } = true;

    /// <summary>
    /// Seed for initialisation, the validation split, shuffling and dropout. Null takes one from the
    /// <c>MLContext</c> (reproducible when the context has a seed).
    /// </summary>
    public int? Seed { get; set; }

    /// <summary>Receives progress during each epoch and at its end.</summary>
    public IProgress<TrainingProgress>? Progress { get; set; }

    /// <summary>Cancels training between batches.</summary>
    public CancellationToken CancellationToken { get; set; }

    /// <summary>
    /// When set, the training state (weights, optimiser state, epoch, random generators) is written to
    /// this file after every epoch, replacing the previous checkpoint only once the new one is complete.
    /// </summary>
    public string? CheckpointPath { get; set; }

    /// <summary>
    /// When true and the file at <see cref="CheckpointPath"/> exists, <c>Fit</c> continues the run saved
    /// there (same data, options and seed) instead of starting over; the result equals, bit for bit, a run
    /// that was never interrupted. Without a file it trains from the start. Default false.
    /// </summary>
    public bool ResumeFromCheckpoint { get; set; }
}
