using System.Numerics.Tensors;

namespace MLExt.Neural;

/// <summary>
/// The training loss of a <see cref="ModelGraph"/>: L = Σₖ wₖ·Lₖ(outputₖ, targetₖ) over the outputs that have a
/// loss, plus the terms the layers added (<see cref="ModelGraph.LossTerms"/>: activity regularisers, KL terms).
/// <see cref="Backward"/> gives dL/d(output) per graph output (wₖ·dLₖ, null for outputs without a loss), ready
/// for <see cref="ModelGraph.BackwardParametersOnly"/>.
/// </summary>
public sealed class GraphObjective
{
    private readonly ModelGraph _graph;
    private readonly OutputLoss[] _losses;
    private readonly int[] _outputOf;
    private readonly float[] _values;
    private readonly Tensor?[] _gradients;
    private readonly Tensor?[] _scaled;

    /// <summary>Binds losses to the graph's outputs.</summary>
    /// <exception cref="ArgumentException">No loss, a loss for an output the graph does not have, or two losses for one
    /// output.</exception>
    public GraphObjective(ModelGraph graph, params IReadOnlyList<OutputLoss> losses)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(losses);
        if (losses.Count == 0) throw new ArgumentException("Give at least one output loss.", nameof(losses));
        _graph = graph;
        _losses = losses.ToArray();
        _outputOf = new int[_losses.Length];
        for (int k = 0; k < _losses.Length; k++)
        {
            var output = _losses[k].Output;
            int index = graph.Outputs.ToList().FindIndex(o => o.Name == output);
            if (index < 0)
                throw new ArgumentException(
                    $"A loss ({_losses[k].Loss.Name}) is given for output '{output}', which the graph does not have. " +
                        $"Outputs: {string.Join(", ", graph.Outputs.Select(o => $"'{o.Name}'"))}.",
                    nameof(losses));
            if (_outputOf.Take(k).Contains(index))
                throw new ArgumentException($"Output '{output}' has two losses; give each output one loss (write a Loss " +
                    $"that combines them).", nameof(losses));
            _outputOf[k] = index;
        }
        if (_losses.Select(l => l.Loss).Distinct(ReferenceEqualityComparer.Instance).Count() != _losses.Length)
            throw new ArgumentException("Two outputs share one Loss instance; losses keep per-call buffers, give each " +
                "output its own.", nameof(losses));
        _values = new float[_losses.Length];
        _gradients = new Tensor?[graph.Outputs.Count];
        _scaled = new Tensor?[_losses.Length];
    }

    /// <summary>The losses, in the order <see cref="Forward"/> takes their targets.</summary>
    public IReadOnlyList<OutputLoss> Losses => _losses;

    /// <summary>Each loss's unweighted value in the latest <see cref="Forward"/>.</summary>
    public IReadOnlyList<float> LastValues => _values;

    /// <summary>
    /// The total loss of <paramref name="outputs"/> (the graph's outputs, in <see cref="ModelGraph.Outputs"/> order)
    /// against <paramref name="targets"/> (one per loss, in <see cref="Losses"/> order), with the layers' loss terms
    /// of the graph's latest forward pass when <paramref name="includeLossTerms"/>.
    /// </summary>
    public float Forward(IReadOnlyList<Tensor> outputs, IReadOnlyList<Tensor> targets, bool includeLossTerms = true)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(targets);
        if (targets.Count != _losses.Length)
            throw new ArgumentException($"Expected {_losses.Length} targets (one per loss), got {targets.Count}.", nameof(targets));
        float total = 0;
        for (int k = 0; k < _losses.Length; k++)
        {
            _values[k] = _losses[k].Loss.Forward(outputs[_outputOf[k]], targets[k]);
            total += _losses[k].Weight == 1f ? _values[k] : _losses[k].Weight * _values[k];
        }
        return includeLossTerms ? total + _graph.LossTerms : total;
    }

    /// <summary>dL/d(output) for the latest <see cref="Forward"/>, per graph output (null where no loss applies); buffers
    /// are reused.</summary>
    public IReadOnlyList<Tensor?> Backward()
    {
        for (int k = 0; k < _losses.Length; k++)
        {
            var gradient = _losses[k].Loss.Backward();
            if (_losses[k].Weight != 1f)
            {
                // d(w·L)/dy = w·dL/dy
                var scaled = Tensor.Ensure(ref _scaled[k], gradient.Shape);
                TensorPrimitives.Multiply(gradient.Span, _losses[k].Weight, scaled.Span);
                gradient = scaled;
            }
            _gradients[_outputOf[k]] = gradient;
        }
        return _gradients;
    }
}
