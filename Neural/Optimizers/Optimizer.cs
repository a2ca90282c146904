namespace MLExt.Neural;

/// <summary>
/// A gradient-based update rule. The settings (learning rate and the rule's own) are public
/// properties; per-parameter state (moments, accumulators) lives in the instance and is keyed by the
/// parameter's position in the list passed to <see cref="Step(IReadOnlyList{Parameter}, float)"/>,
/// so one instance serves one network. Trainers copy the user's instance with
/// <see cref="CloneSettings"/> so that options can be reused across fits.
/// </summary>
public abstract class Optimizer
{
    private List<float[][]> _state = [];

    /// <summary>Base step size η (must be positive).</summary>
    public float LearningRate { get; set; } = 1e-3f;

    /// <summary>Optional schedule mapping the base rate to the rate at each step; null keeps it constant.</summary>
    public LearningRateSchedule? Schedule { get; set; }

    /// <summary>How many steps have been taken (t in the update formulas, starting at 1 within a step).</summary>
    public long StepCount { get; private set; }

    /// <summary>Takes one step on every parameter with the base <see cref="LearningRate"/>.</summary>
    public void Step(IReadOnlyList<Parameter> parameters) => Step(parameters, LearningRate);

    /// <summary>Takes one step on every parameter with step size <paramref name="learningRate"/>.</summary>
    public void Step(IReadOnlyList<Parameter> parameters, float learningRate)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        StepCount++;
        for (int i = 0; i < parameters.Count; i++)
            Update(parameters[i], i, learningRate);
    }

    /// <summary>Updates one parameter in place from its gradient; <see cref="StepCount"/> is already advanced.</summary>
    protected abstract void Update(Parameter parameter, int index, float learningRate);

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
