using System.Numerics.Tensors;

namespace MLExt.Neural;

public sealed partial class ModelGraph
{
    /// <summary>
    /// Runs every node in topological order. <paramref name="inputs"/> holds a batch <c>[n, ...shape]</c> per
    /// input, in <see cref="Inputs"/> order; returns one tensor per output, in <see cref="Outputs"/> order (the list
    /// and its tensors are reused by the next call). Padding masks flow along the edges: a layer that emits one
    /// (<see cref="ISequenceMaskSource"/>) sets it for the nodes after it, other layers pass their input's on, a
    /// merge combines its inputs' (<see cref="Merge.CombineMasks"/>), and mask consumers
    /// (<see cref="ISequenceMaskConsumer"/>) get it.
    /// Loss terms of the layers are summed into <see cref="LossTerms"/>. Graph layers (<see cref="IAdjacencyConsumer"/>)
    /// get <see cref="Adjacency"/>: then the batch is the graph's nodes, in the adjacency's order.
    /// </summary>
    /// <exception cref="ArgumentException">Wrong number of inputs, or an input of the wrong shape; the message names
    /// it.</exception>
    public IReadOnlyList<Tensor> Forward(IReadOnlyList<Tensor> inputs, bool training)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        CheckInputs(inputs);
        if (training) RefreshTrainingSettings();
        float terms = 0;
        var steps = _steps;
        for (int s = 0; s < steps.Length; s++)
        {
            var step = steps[s];
            switch (step.Kind)
            {
                case GraphNodeKind.Input:
                    step.Output = inputs[step.InputIndex];
                    step.Mask = null;
                    break;
                case GraphNodeKind.Layer:
                    var from = steps[step.Inputs[0]];
                    step.MaskConsumer?.SetInputMask(from.Mask);
                    step.AdjacencyConsumer?.SetAdjacency(Adjacency);
                    step.Output = step.Layer!.Forward(from.Output!, training);
                    step.Mask = step.MaskSource is { } source ? source.OutputMask : from.Mask;
                    if (step.LossSource is { } lossSource) terms += lossSource.LossTerm;
                    break;
                default:
                    for (int i = 0; i < step.Inputs.Length; i++)
                    {
                        var input = steps[step.Inputs[i]];
                        step.MergeInputs[i] = input.Output!;
                        step.MergeMasks[i] = input.Mask;
                    }
                    step.Output = step.Merge!.Forward(step.MergeInputs);
                    step.Mask = step.Merge.CombineMasks(step.MergeMasks);
                    break;
            }
        }
        LossTerms = terms;
        for (int o = 0; o < _outputs.Length; o++) _outputs[o] = steps[_outputSteps[o]].Output!;
        return _outputs;
    }

    /// <summary>The one-input, one-output form of <see cref="Forward(IReadOnlyList{Tensor}, bool)"/>.</summary>
    /// <exception cref="InvalidOperationException">The graph has several inputs or outputs.</exception>
    public Tensor Forward(Tensor input, bool training)
    {
        if (Inputs.Count != 1 || Outputs.Count != 1)
            throw new InvalidOperationException($"The graph has {Inputs.Count} inputs and {Outputs.Count} outputs; pass a " +
                $"list of inputs and read the list of outputs.");
        _singleInput[0] = input;
        return Forward(_singleInput, training)[0];
    }

    /// <summary>
    /// Propagates dL/d(output) (one entry per output, in <see cref="Outputs"/> order; null for an output without a
    /// loss) back through every node in reverse topological order, adding the parameter gradients; where a node
    /// feeds several others its gradient is the sum of theirs. Returns dL/dinput per input (zeros for an input no
    /// gradient reaches; zeros for token ids).
    /// </summary>
    public IReadOnlyList<Tensor> Backward(IReadOnlyList<Tensor?> outputGradients)
    {
        Propagate(outputGradients, parametersOnly: false);
        for (int i = 0; i < _inputGradients.Length; i++)
        {
            var step = _steps[_inputSteps[i]];
            if (step.Gradient is { } g) _inputGradients[i] = g;
            else
            {
                var zero = Tensor.Ensure(ref _zeroInputGradients[i], step.Output!.Shape);
                zero.Clear();
                _inputGradients[i] = zero;
            }
        }
        return _inputGradients;
    }

    /// <summary>
    /// <see cref="Backward"/> for training: gradients of the trainable parameters only. A node whose input gradient
    /// would reach no trainable parameter skips it (the first trainable layer of each input branch computes only its
    /// own gradients; frozen and parameter-free layers before it are not run backward), and frozen layers between
    /// trainable ones pass dL/dx on without computing their weight gradients.
    /// </summary>
    public void BackwardParametersOnly(IReadOnlyList<Tensor?> outputGradients) => Propagate(outputGradients, parametersOnly: true);

    private void Propagate(IReadOnlyList<Tensor?> outputGradients, bool parametersOnly)
    {
        ArgumentNullException.ThrowIfNull(outputGradients);
        RefreshTrainingSettings();
        if (outputGradients.Count != _outputs.Length)
            throw new ArgumentException($"Expected {_outputs.Length} output gradients (one per output, null for none), " +
                $"got {outputGradients.Count}.", nameof(outputGradients));
        var steps = _steps;
        for (int s = 0; s < steps.Length; s++)
        {
            if (steps[s].Output is null) throw new InvalidOperationException("Backward needs a Forward first.");
            steps[s].Gradient = null;
            steps[s].Accumulating = false;
        }
        for (int o = 0; o < _outputs.Length; o++)
            if (outputGradients[o] is { } g)
            {
                CheckGradient(g, o);
                Contribute(steps[_outputSteps[o]], g);
            }
        for (int s = steps.Length - 1; s >= 0; s--)
        {
            var step = steps[s];
            if (step.Gradient is not { } g || step.Kind == GraphNodeKind.Input) continue;
            bool propagate = !parametersOnly || step.NeedsInputGradient;
            if (step.Kind == GraphNodeKind.Layer)
            {
                // A frozen layer passes dL/dx on without its weight gradients.
                var layer = step.Layer!;
                bool frozen = step.HasParameters && !step.HasTrainableParameters;
                if (propagate) Contribute(steps[step.Inputs[0]], frozen ? layer.BackwardInputOnly(g) : layer.Backward(g));
                else if (step.HasTrainableParameters) layer.BackwardParametersOnly(g);
            }
            else if (propagate)
            {
                var gradients = step.Merge!.Backward(g);
                for (int i = 0; i < step.Inputs.Length; i++) Contribute(steps[step.Inputs[i]], gradients[i]);
            }
        }
    }

    // The first gradient reaching a node is used as it is; a second one starts a sum in the node's own buffer.
    private static void Contribute(GraphStep step, Tensor gradient)
    {
        if (step.Gradient is null)
        {
            step.Gradient = gradient;
            return;
        }
        if (!step.Accumulating)
        {
            var sum = Tensor.Ensure(ref step.Accumulator, step.Gradient.Shape);
            step.Gradient.Span.CopyTo(sum.Span);
            step.Gradient = sum;
            step.Accumulating = true;
        }
        TensorPrimitives.Add(step.Gradient.Span, gradient.Span, step.Gradient.Span);
    }

    private void CheckInputs(IReadOnlyList<Tensor> inputs)
    {
        if (inputs.Count != Inputs.Count)
            throw new ArgumentException(
                $"The graph takes {Inputs.Count} inputs ({string.Join(", ", Inputs.Select(i => $"'{i.Name}'"))}) but got " +
                    $"{inputs.Count}.", nameof(inputs));
        for (int i = 0; i < inputs.Count; i++)
        {
            var x = inputs[i];
            var shape = Inputs[i].Shape;
            if (x is null || x.Rank != shape.Length + 1 || !Tensor.SameShape(x.Shape.AsSpan(1), shape) || x.Rows != inputs[0].Rows)
                throw new ArgumentException(
                    $"Input '{Inputs[i].Name}' must be [{inputs[0]?.Rows.ToString() ?? "batch"}, " +
                        $"{string.Join(", ", shape)}] but got {x?.ShapeText ?? "null"}.", nameof(inputs));
        }
    }

    private void CheckGradient(Tensor gradient, int output)
    {
        var expected = _outputs[output];
        if (!Tensor.SameShape(gradient.Shape, expected.Shape))
            throw new ArgumentException(
                $"The gradient for output '{Outputs[output].Name}' must have the output's shape {expected.ShapeText} but " +
                    $"has {gradient.ShapeText}.", "outputGradients");
    }
}
