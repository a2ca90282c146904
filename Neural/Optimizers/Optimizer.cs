namespace MLExt.Neural;

/// <summary>
/// A gradient-based update rule. The settings (learning rate and the rule's own) are public
/// properties; per-parameter state (moments, accumulators) lives in the instance and is keyed by the
/// parameter's position in the list passed to <see cref="Step(IReadOnlyList{Parameter}, float)"/>,
/// so one instance serves one network. Each parameter's step uses the learning rate times its
/// <see cref="Parameter.LearningRateMultiplier"/> (discriminative rates). Trainers copy the user's instance with
/// <see cref="CloneSettings"/> so that options can be reused across fits.
/// </summary>
public abstract class Optimizer
{
    private List<float[][]> _state = [];
    private ParameterChunks? _chunks;

    /// <summary>Base step size η (must be positive).</summary>
    public float LearningRate { get; set; } = 1e-3f;

    /// <summary>Optional schedule mapping the base rate to the rate at each step; null keeps it constant.</summary>
    public LearningRateSchedule? Schedule { get; set; }

    /// <summary>How many steps have been taken (t in the update formulas, starting at 1 within a step).</summary>
    public long StepCount { get; private set; }

    /// <summary>Takes one step on every parameter with the base <see cref="LearningRate"/>.</summary>
    public void Step(IReadOnlyList<Parameter> parameters) => Step(parameters, LearningRate);

    /// <summary>Takes one step on every parameter with step size <paramref name="learningRate"/>.</summary>
    public void Step(IReadOnlyList<Parameter> parameters, float learningRate) => Step(parameters, learningRate, gradientScale: 1f);

    /// <summary>
    /// Takes one step on every parameter with step size <paramref name="learningRate"/>, reading each
    /// gradient as g·<paramref name="gradientScale"/> (clipping by global norm without rewriting the
    /// gradients: see <see cref="GradientClipping.Scale"/>), and checks the new values in the same pass.
    /// The parameters are cut into a fixed partition of chunks run on up to <see cref="MaxThreads"/>
    /// threads; the result is the same bits whatever the number of threads.
    /// </summary>
    /// <returns>
    /// The position in <paramref name="parameters"/> of the first parameter holding a NaN or infinite
    /// value after the step, or −1 when every value is finite.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="gradientScale"/> is not a positive finite number.</exception>
    public int Step(IReadOnlyList<Parameter> parameters, float learningRate, float gradientScale)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(gradientScale > 0f && float.IsFinite(gradientScale)))
            SettingChecks.Positive(gradientScale, nameof(gradientScale), $"{GetType().Name}.{nameof(Step)}"); // throws
        StepCount++;
        // State buffers are created here, on one thread; the chunks only read the list.
        for (int i = 0; i < parameters.Count; i++) PrepareState(i, parameters[i].Value.Length);
        BeginStep(learningRate);
        _chunks = ParameterChunks.For(parameters, _chunks);
        return _chunks.Update(this, gradientScale, MaxThreads);
    }

    /// <summary>
    /// Σ g² over the gradients of <paramref name="parameters"/> in double, on up to <see cref="MaxThreads"/>
    /// threads with the step's partition; the partial sums are added in a fixed order, so the value is the
    /// same bits whatever the number of threads (and equals <see cref="GradientClipping.SumOfSquares"/>).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is null.</exception>
    public double GradientSumOfSquares(IReadOnlyList<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _chunks = ParameterChunks.For(parameters, _chunks);
        return _chunks.GradientSumOfSquares(MaxThreads);
    }

    /// <summary>Threads an optimiser step may use, the caller's included (default: the number of cores).</summary>
    internal int MaxThreads { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// Creates the state buffers parameter <paramref name="index"/> needs this step with
    /// <see cref="State"/>, before any <see cref="Update"/> of the step runs (the updates run on several
    /// threads and only read the state list).
    /// </summary>
    protected virtual void PrepareState(int index, int length) { }

    /// <summary>Computes the step's constants (bias corrections, the learning rate) before any <see cref="Update"/>.</summary>
    protected abstract void BeginStep(float learningRate);

    /// <summary>
    /// Updates values [<paramref name="start"/>, <paramref name="start"/> + <paramref name="length"/>) of
    /// parameter <paramref name="index"/> in place from its gradient times <paramref name="gradientScale"/>
    /// (<see cref="StepCount"/> is already advanced). Disjoint ranges run at the same time on different
    /// threads, so an update touches only its own range of the value, gradient and state buffers.
    /// </summary>
    /// <returns>Whether every new value in the range is finite.</returns>
    protected abstract bool Update(Parameter parameter, int index, int start, int length, float gradientScale);

    internal bool UpdateChunk(Parameter parameter, int index, int start, int length, float gradientScale) =>
        Update(parameter, index, start, length, gradientScale);

    /// <summary>
    /// The state buffer <paramref name="slot"/> of parameter <paramref name="index"/>, zero-filled on
    /// first use (for example Adam's first moment is slot 0, second moment slot 1).
    /// </summary>
    protected float[] State(int index, int slot, int length)
    {
        while (_state.Count <= index) _state.Add([]);
        var slots = _state[index];
        if (slots.Length <= slot)
        {
            Array.Resize(ref slots, slot + 1);
            _state[index] = slots;
        }
        if (slots[slot] is null || slots[slot].Length != length) slots[slot] = new float[length];
        return slots[slot];
    }

    /// <summary>All state buffers, by parameter then slot (for checkpoints and inspection).</summary>
    public IReadOnlyList<float[][]> StateBuffers => _state;

    /// <summary>Restores the step count and state buffers (for checkpoints).</summary>
    public void RestoreState(long stepCount, IReadOnlyList<float[][]> buffers)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(stepCount);
        StepCount = stepCount;
        _state.Clear();
        foreach (var slots in buffers) _state.Add(slots.Select(s => (float[])s.Clone()).ToArray());
    }

    /// <summary>A copy with the same settings and no state.</summary>
    public Optimizer CloneSettings()
    {
        var copy = (Optimizer)MemberwiseClone();
        copy._state = [];
        copy._chunks = null;
        copy.StepCount = 0;
        return copy;
    }

    /// <summary>
    /// Throws when a setting is out of range, naming it. Trainers call this before any work.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public virtual void Validate()
    {
        if (!(LearningRate > 0) || !float.IsFinite(LearningRate))
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, $"{GetType().Name}.LearningRate must be a positive finite number.");
    }

    /// <summary>A short description with the settings.</summary>
    public override string ToString() => $"{GetType().Name}(LearningRate={LearningRate})";
}
