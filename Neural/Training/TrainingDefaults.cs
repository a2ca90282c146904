namespace MLExt.Neural;

/// <summary>
/// The defaults of MLExt's training settings, in one place: <see cref="TrainingSettings"/>, the ML.NET trainers'
/// options and catalog methods, and the <c>mlext</c> command line read them from here.
/// </summary>
public static class TrainingDefaults
{
    /// <summary>Adam's learning rate (Keras' default): 0.001.</summary>
    public const float LearningRate = 1e-3f;

    /// <summary>Passes over the training data: 10.</summary>
    public const int NumberOfEpochs = 10;

    /// <summary>Rows per gradient step: 32.</summary>
    public const int BatchSize = 32;

    /// <summary>The global-norm gradient clip of a network with a recurrent layer when no clipping is set: 5.</summary>
    public const float RecurrentGradientClipNorm = 5f;

    /// <summary>The width of the one ReLU hidden layer of the trainers' simple catalog methods: 128.</summary>
    public const int HiddenLayerWidth = 128;

    /// <summary>A fresh default optimiser: Adam at <see cref="LearningRate"/>.</summary>
    public static Optimizer CreateOptimizer() => new AdamOptimizer { LearningRate = LearningRate };
}
