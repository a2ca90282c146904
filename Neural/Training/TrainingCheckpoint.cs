using MLExt.IO;

namespace MLExt.Neural;

/// <summary>
/// Everything needed to continue a <see cref="TrainingLoop"/> run exactly where it stopped: the weights
/// and the layers' non-trainable states (<see cref="Layer.States"/>), every optimiser's step count and moment buffers (a custom
/// <see cref="TrainingStep"/> may use several), every random generator
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

    /// <summary>
    /// The model's description: for a <see cref="Network"/> its input shape, then each layer's configuration, parameter and
    /// state shapes; for a <see cref="ModelGraph"/> its <see cref="ModelGraph.Describe"/>.
    /// </summary>
    public IReadOnlyList<string> Architecture { get; internal set; } = [];

    /// <summary>Per optimiser (in the training step's order): its full type name, step count and state buffers.</summary>
    internal string[] OptimizerTypes { get; set; } = [];
    internal long[] StepCounts { get; set; } = [];
    internal float[][][][] OptimizerStates { get; set; } = [];
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

    /// <summary>The description compared on resume: input shape, then per layer its configuration, parameter and state shapes
    /// and training settings (so a run resumes only with the freezing it was saved with).</summary>
    internal static string[] Describe(Network network) =>
        [$"input {Tensor.FormatShape(network.InputShape)}",
         .. network.Layers.Select(l =>
             $"{l.GetConfig()} {string.Join(" ", l.Parameters.Concat(l.States).Select(p => p.ToString()))}".TrimEnd() + l.TrainingSettingsText)];

    internal static TrainingCheckpoint Capture(IReadOnlyList<string> architecture, ModelGraph graph, IReadOnlyList<Optimizer> optimizers,
        RandomSource random, TrainingLoopState state) => new()
    {
        Architecture = architecture.ToArray(),
        History = state.Epochs.ToArray(),
        StoppedEarly = state.StoppedEarly,
        OptimizerTypes = optimizers.Select(o => o.GetType().FullName!).ToArray(),
        StepCounts = optimizers.Select(o => o.StepCount).ToArray(),
        OptimizerStates = optimizers.Select(o => o.StateBuffers.Select(slots => slots.Select(s => (float[])s?.Clone()!).ToArray()).ToArray()).ToArray(),
        Weights = graph.GetWeights(),
        RandomStates = [random.GetState(), .. graph.RandomSources.Select(g => g.GetState())],
        Best = state.Best,
        BestEpoch = state.BestEpoch,
        SinceBest = state.SinceBest,
        BestWeights = state.BestWeights?.Select(w => (float[])w.Clone()).ToArray(),
        LearningRate = state.LearningRate,
        Order = (int[])(state.Order ?? []).Clone(),
    };

    /// <summary>Puts the checkpoint's state into the graph, optimisers and generator; checks everything first.</summary>
    /// <exception cref="ArgumentException">The checkpoint is from a different model or optimiser; the message names the difference.</exception>
    internal TrainingLoopState Restore(IReadOnlyList<string> architecture, bool sequential, bool builtInStep, ModelGraph graph,
        IReadOnlyList<Optimizer> optimizers, RandomSource random)
    {
        CheckMatches(architecture, sequential, builtInStep, graph, optimizers);
        graph.SetWeights(Weights);
        for (int k = 0; k < optimizers.Count; k++) optimizers[k].RestoreState(StepCounts[k], OptimizerStates[k]);
        random.SetState(RandomStates[0]);
        var generators = graph.RandomSources;
        for (int i = 0; i < generators.Count; i++) generators[i].SetState(RandomStates[i + 1]);
        var loop = new TrainingLoopState
        {
            Best = Best, BestEpoch = BestEpoch, SinceBest = SinceBest, StoppedEarly = StoppedEarly, LearningRate = LearningRate,
            BestWeights = BestWeights?.Select(w => (float[])w.Clone()).ToArray(),
            Order = Order.Length == 0 ? null : (int[])Order.Clone(),
        };
        loop.Epochs.AddRange(History);
        return loop;
    }

    private void CheckMatches(IReadOnlyList<string> here, bool sequential, bool builtInStep, ModelGraph graph, IReadOnlyList<Optimizer> optimizers)
    {
        const string option = nameof(TrainingOptions.ResumeFrom);
        for (int i = 0; i < Math.Max(here.Count, Architecture.Count); i++)
        {
            string? saved = i < Architecture.Count ? Architecture[i] : null, current = i < here.Count ? here[i] : null;
            if (saved != current)
                throw new ArgumentException(sequential
                    ? $"The checkpoint was written for a different network: {(i == 0 ? "the input" : $"layer {i}")} is {saved ?? "absent"} in the checkpoint but {current ?? "absent"} here."
                    : $"The checkpoint was written for a different model graph: it has '{saved ?? "nothing"}' where this graph has '{current ?? "nothing"}'.", option);
        }
        if (OptimizerTypes.Length != optimizers.Count)
            throw new ArgumentException($"The checkpoint holds the state of {OptimizerTypes.Length} optimisers, but training uses {optimizers.Count}.", option);
        for (int k = 0; k < optimizers.Count; k++)
        {
            if (OptimizerTypes[k] != optimizers[k].GetType().FullName)
                throw new ArgumentException($"The checkpoint holds the state of a {OptimizerTypes[k]} optimiser, but training uses {optimizers[k].GetType().FullName}.", option);
            // The built-in step updates every parameter of the graph; a custom step's optimisers may each update a part.
            if (!builtInStep) continue;
            var parameters = graph.TrainableParameters;
            var state = OptimizerStates[k];
            if (state.Length > parameters.Count)
                throw new ArgumentException($"The checkpoint's optimiser state covers {state.Length} parameters; the model has {parameters.Count}.", option);
            for (int i = 0; i < state.Length; i++)
                foreach (var slot in state[i])
                    if (slot is not null && slot.Length != parameters[i].Value.Length)
                        throw new ArgumentException($"The checkpoint's optimiser state for {parameters[i]} has {slot.Length} values, expected {parameters[i].Value.Length}.", option);
        }
        if (RandomStates.Length != graph.RandomSources.Count + 1)
            throw new ArgumentException($"The checkpoint has {RandomStates.Length - 1} layer generators; the model has {graph.RandomSources.Count}.", option);
    }
}
