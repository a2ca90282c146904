using MLExt.IO;

namespace MLExt.Neural;

/// <summary>
/// Everything needed to continue a <see cref="TrainingLoop"/> run exactly where it stopped: the weights
/// and the layers' non-trainable states (<see cref="Layer.States"/>), the optimiser's step count and moment buffers, every random generator
/// (shuffling, dropout) and the current row order, the epochs completed with their history, and early stopping's progress. A run
/// resumed from a checkpoint (<see cref="TrainingOptions.ResumeFrom"/>) reproduces, bit for bit, a run
/// that never stopped. <see cref="Save"/> writes the versioned binary format described in
/// <see cref="CheckpointFormat"/>, replacing any previous file only once the new one is complete.
/// </summary>
public sealed class TrainingCheckpoint
{
    /// <summary>The format version this build writes and the newest it reads.</summary>
    public const int FormatVersion = CheckpointFormat.Version;

    internal TrainingCheckpoint() { }

    /// <summary>The number of epochs completed.</summary>
    public int EpochsCompleted => History.Count;

    /// <summary>The completed epochs, in order.</summary>
    public IReadOnlyList<EpochSummary> History { get; internal set; } = [];

    /// <summary>Whether early stopping had already ended training.</summary>
    public bool StoppedEarly { get; internal set; }

    /// <summary>The network's description: input shape, then each layer's configuration, parameter and state shapes.</summary>
    public IReadOnlyList<string> Architecture { get; internal set; } = [];

    internal string OptimizerType { get; set; } = "";
    internal long StepCount { get; set; }
    internal float[][][] OptimizerState { get; set; } = [];
    internal float[][] Weights { get; set; } = [];
    internal uint[][] RandomStates { get; set; } = [];
    internal double Best { get; set; }
    internal int BestEpoch { get; set; }
    internal int SinceBest { get; set; }
    internal float[][]? BestWeights { get; set; }
    internal float LearningRate { get; set; }
    internal int[] Order { get; set; } = [];

    /// <summary>Reads a checkpoint file.</summary>
    /// <exception cref="InvalidDataException">Not a checkpoint, a newer format version, truncated or corrupted; the message says which.</exception>
    public static TrainingCheckpoint Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var stream = File.OpenRead(path);
        try
        {
            return CheckpointFormat.Read(stream);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"Checkpoint '{path}': {e.Message}", e);
        }
    }

    /// <summary>Writes the checkpoint to <paramref name="path"/> through a temporary file renamed into place.</summary>
    public void Save(string path) => AtomicFile.Write(path, stream => CheckpointFormat.Write(this, stream));

    /// <summary>The description compared on resume: input shape, then per layer its configuration, parameter and state shapes.</summary>
    internal static string[] Describe(Network network) =>
        [$"input {Tensor.FormatShape(network.InputShape)}",
         .. network.Layers.Select(l => $"{l.GetConfig()} {string.Join(" ", l.Parameters.Concat(l.States).Select(p => p.ToString()))}".TrimEnd())];

    internal static TrainingCheckpoint Capture(Network network, Optimizer optimizer, RandomSource random, TrainingLoopState state) => new()
    {
        Architecture = Describe(network),
        History = state.Epochs.ToArray(),
        StoppedEarly = state.StoppedEarly,
        OptimizerType = optimizer.GetType().FullName!,
        StepCount = optimizer.StepCount,
        OptimizerState = optimizer.StateBuffers.Select(slots => slots.Select(s => (float[])s?.Clone()!).ToArray()).ToArray(),
        Weights = network.GetWeights(),
        RandomStates = [random.GetState(), .. GeneratorsOf(network).Select(g => g.GetState())],
        Best = state.Best,
        BestEpoch = state.BestEpoch,
        SinceBest = state.SinceBest,
        BestWeights = state.BestWeights?.Select(w => (float[])w.Clone()).ToArray(),
        LearningRate = state.LearningRate,
        Order = (int[])(state.Order ?? []).Clone(),
    };

    /// <summary>Puts the checkpoint's state into the network, optimiser and generator; checks everything first.</summary>
    /// <exception cref="ArgumentException">The checkpoint is from a different network or optimiser; the message names the difference.</exception>
    internal TrainingLoopState Restore(Network network, Optimizer optimizer, RandomSource random)
    {
        CheckMatches(network, optimizer);
        network.SetWeights(Weights);
        optimizer.RestoreState(StepCount, OptimizerState);
        random.SetState(RandomStates[0]);
        var generators = GeneratorsOf(network);
        for (int i = 0; i < generators.Length; i++) generators[i].SetState(RandomStates[i + 1]);
        var loop = new TrainingLoopState
        {
            Best = Best, BestEpoch = BestEpoch, SinceBest = SinceBest, StoppedEarly = StoppedEarly, LearningRate = LearningRate,
            BestWeights = BestWeights?.Select(w => (float[])w.Clone()).ToArray(),
            Order = Order.Length == 0 ? null : (int[])Order.Clone(),
        };
        loop.Epochs.AddRange(History);
        return loop;
    }

    private void CheckMatches(Network network, Optimizer optimizer)
    {
        const string option = nameof(TrainingOptions.ResumeFrom);
        var here = Describe(network);
        for (int i = 0; i < Math.Max(here.Length, Architecture.Count); i++)
        {
            string? saved = i < Architecture.Count ? Architecture[i] : null, current = i < here.Length ? here[i] : null;
            if (saved != current)
                throw new ArgumentException(
                    $"The checkpoint was written for a different network: {(i == 0 ? "the input" : $"layer {i}")} is {saved ?? "absent"} in the checkpoint but {current ?? "absent"} here.", option);
        }
        if (OptimizerType != optimizer.GetType().FullName)
            throw new ArgumentException($"The checkpoint holds the state of a {OptimizerType} optimiser, but training uses {optimizer.GetType().FullName}.", option);
        var parameters = network.Parameters;
        if (OptimizerState.Length > parameters.Count)
            throw new ArgumentException($"The checkpoint's optimiser state covers {OptimizerState.Length} parameters; the network has {parameters.Count}.", option);
        for (int i = 0; i < OptimizerState.Length; i++)
            foreach (var slot in OptimizerState[i])
                if (slot is not null && slot.Length != parameters[i].Value.Length)
                    throw new ArgumentException($"The checkpoint's optimiser state for {parameters[i]} has {slot.Length} values, expected {parameters[i].Value.Length}.", option);
        if (RandomStates.Length != GeneratorsOf(network).Length + 1)
            throw new ArgumentException($"The checkpoint has {RandomStates.Length - 1} layer generators; the network has {GeneratorsOf(network).Length}.", option);
    }

    private static RandomSource[] GeneratorsOf(Network network) => network.Layers.SelectMany(l => l.RandomSources).ToArray();
}
