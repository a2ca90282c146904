namespace MLExt.Neural;

/// <summary>What <see cref="TrainingLoop"/> carries from epoch to epoch besides the network and optimiser.</summary>
internal sealed class TrainingLoopState
{
    /// <summary>The completed epochs.</summary>
    public List<EpochSummary> Epochs { get; } = [];

    /// <summary>Early stopping: the best monitored value so far (NaN before the first epoch).</summary>
    public double Best { get; set; } = double.NaN;

    /// <summary>Early stopping: the epoch (from 1) that reached <see cref="Best"/>.</summary>
    public int BestEpoch { get; set; }

    /// <summary>Early stopping: epochs since the last improvement.</summary>
    public int SinceBest { get; set; }

    /// <summary>Early stopping: the weights of <see cref="BestEpoch"/>, when they are to be restored.</summary>
    public float[][]? BestWeights { get; set; }

    /// <summary>Whether early stopping has ended training.</summary>
    public bool StoppedEarly { get; set; }

    /// <summary>The training rows' order, shuffled in place every epoch (null before training starts).</summary>
    public int[]? Order { get; set; }

    /// <summary>The learning rate of the last step.</summary>
    public float LearningRate { get; set; }
}
