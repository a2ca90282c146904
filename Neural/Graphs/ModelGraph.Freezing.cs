namespace MLExt.Neural;

public sealed partial class ModelGraph
{
    private Parameter[] _trainable = [];
    private bool[] _trainableAt = [], _statisticsAt = [];
    private float[] _multiplierAt = [];

    /// <summary>
    /// The parameters of the layers that train (<see cref="Layer.Trainable"/>), in <see cref="Parameters"/> order, each
    /// carrying its layer's <see cref="Layer.LearningRateMultiplier"/>: the list the built-in step hands its optimiser,
    /// so frozen parameters get no optimiser state. The list is rebuilt only when a layer's settings change.
    /// </summary>
    public IReadOnlyList<Parameter> TrainableParameters
    {
        get
        {
            RefreshTrainingSettings();
            return _trainable;
        }
    }

    /// <summary>The layer applied at node <paramref name="node"/> (the shared layer, for a layer applied at several nodes).</summary>
    /// <exception cref="ArgumentException">No node of that name, or the node is not a layer; the message names it.</exception>
    public Layer LayerAt(string node) => StepNamed(node, "layer").Kind == GraphNodeKind.Layer
        ? StepNamed(node, "layer").SharedLayer!
        : throw new ArgumentException($"Node '{node}' is a{(StepNamed(node, "layer").Kind == GraphNodeKind.Input ? "n input" : " merge")}, " +
            $"not a layer.", nameof(node));

    /// <summary>
    /// Freezes the layers that compute node <paramref name="node"/>: its own layer (when it is a layer node) and every
    /// layer upstream of it, so that training leaves their weights unchanged and backward stops where nothing upstream
    /// trains. Other layers keep their settings. With <paramref name="freezeStatistics"/> (the default) the frozen batch
    /// normalisations also stop updating their running statistics (<see cref="BatchNormalization.UpdateStatistics"/>).
    /// </summary>
    /// <exception cref="ArgumentException">No node of that name, or it is an input; the message names it.</exception>
    public void FreezeUpTo(string node, bool freezeStatistics = true)
    {
        var last = StepNamed(node, "node to freeze up to");
        if (last.Kind == GraphNodeKind.Input)
            throw new ArgumentException($"Node '{node}' is an input: name the last layer or merge node to freeze.", nameof(node));
        int at = Array.IndexOf(_steps, last);
        var upstream = new bool[_steps.Length];
        upstream[at] = true;
        for (int s = at; s >= 0; s--)
        {
            if (!upstream[s]) continue;
            foreach (int i in _steps[s].Inputs) upstream[i] = true;
            if (_steps[s].SharedLayer is not { } layer) continue;
            layer.Trainable = false;
            if (freezeStatistics && layer is BatchNormalization normalization) normalization.UpdateStatistics = false;
        }
    }

    /// <summary>Makes every layer trainable again and lets every batch normalisation update its statistics; learning-rate
    /// multipliers are kept.</summary>
    public void Unfreeze()
    {
        foreach (var layer in _layers)
        {
            layer.Trainable = true;
            if (layer is BatchNormalization normalization) normalization.UpdateStatistics = true;
        }
    }

    private GraphStep StepNamed(string node, string what)
    {
        ArgumentNullException.ThrowIfNull(node);
        foreach (var step in _steps)
            if (step.Name == node) return step;
        var names = _steps.Where(s => s.Kind != GraphNodeKind.Input).Select(s => $"'{s.Name}'").ToArray();
        string listed = names.Length <= 12 ? string.Join(", ", names) : string.Join(", ", names.Take(12)) + $", … ({names.Length} in all)";
        throw new ArgumentException($"The graph has no {what} named '{node}'. Its nodes: {listed}.", nameof(node));
    }

    /// <summary>
    /// Brings the trainable list, the parameters' multipliers and the backward plan up to date with the layers'
    /// settings. Checks the settings with no allocation; rebuilds only when one changed.
    /// </summary>
    private void RefreshTrainingSettings()
    {
        if (_trainableAt.Length == _layers.Length && !SettingsChanged()) return;
        _trainableAt = new bool[_layers.Length];
        _statisticsAt = new bool[_layers.Length];
        _multiplierAt = new float[_layers.Length];
        for (int i = 0; i < _layers.Length; i++)
        {
            var layer = _layers[i];
            (_trainableAt[i], _multiplierAt[i], _statisticsAt[i]) = (layer.Trainable, layer.LearningRateMultiplier, UpdatesStatistics(layer));
            foreach (var p in layer.Parameters) p.LearningRateMultiplier = layer.LearningRateMultiplier;
        }
        _trainable = _layers.Where(l => l.Trainable).SelectMany(l => l.Parameters).ToArray();
        foreach (var step in _steps)
        {
            if (step.Kind != GraphNodeKind.Layer) continue;
            step.HasTrainableParameters = step.HasParameters && step.SharedLayer!.Trainable;
            // A second application of a shared batch normalisation is a twin: it follows the owner's choice.
            if (step.Layer is BatchNormalization twin && step.SharedLayer is BatchNormalization owner) twin.UpdateStatistics = owner.UpdateStatistics;
        }
        // Training needs a node's dL/dinput only when a trainable layer lies upstream of it.
        foreach (var step in _steps)
            step.NeedsInputGradient = step.Inputs.Any(i => _steps[i].HasTrainableParameters || _steps[i].NeedsInputGradient);
    }

    private bool SettingsChanged()
    {
        for (int i = 0; i < _layers.Length; i++)
        {
            var layer = _layers[i];
            if (layer.Trainable != _trainableAt[i] || layer.LearningRateMultiplier != _multiplierAt[i] ||
                UpdatesStatistics(layer) != _statisticsAt[i]) return true;
        }
        return false;
    }

    private static bool UpdatesStatistics(Layer layer) => layer is not BatchNormalization { UpdateStatistics: false };
}
