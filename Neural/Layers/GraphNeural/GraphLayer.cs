using System.Numerics.Tensors;

namespace MLExt.Neural;

/// <summary>
/// The common part of the message-passing layers: node features <c>[n, features]</c> in (row i is node i), the
/// adjacency of those n nodes set through <see cref="IAdjacencyConsumer"/>, and an optional bias and fused
/// activation on the output <c>[n, width]</c>.
/// </summary>
public abstract class GraphLayer : Layer, IAdjacencyConsumer
{
    private ActivationFunction _activation = null!;
    private Tensor? _output, _gradPre;
    private Parameter? _bias;

    /// <summary>Sets the activation and whether the layer has a bias.</summary>
    protected GraphLayer(Activation activation, bool useBias)
    {
        Activation = activation;
        UseBias = useBias;
    }

    /// <summary>The fused activation.</summary>
    public Activation Activation { get; }

    /// <summary>Whether the layer adds a bias.</summary>
    public bool UseBias { get; }

    /// <summary>The adjacency of the next forward pass (null until set).</summary>
    public SparseAdjacency? Adjacency { get; private set; }

    /// <summary>The bias <c>[width]</c>, or null without one.</summary>
    protected Parameter? Bias => _bias;

    /// <inheritdoc/>
    public void SetAdjacency(SparseAdjacency? adjacency) => Adjacency = adjacency;

    /// <inheritdoc/>
    protected sealed override int[] OnComputeOutputShape(int[] inputShape)
    {
        CheckShape(inputShape);
        return [OutputWidth];
    }

    /// <summary>The width of each node's output.</summary>
    protected abstract int OutputWidth { get; }

    /// <summary>Creates the bias and the activation once the subclass has made its weights.</summary>
    protected void BuildOutput(RandomSource random)
    {
        if (UseBias) _bias = new Parameter("bias", [OutputWidth], isWeight: false);
        _activation = ActivationFunction.Create(Activation);
    }

    /// <summary>Throws unless samples are flat feature vectors.</summary>
    protected void CheckShape(int[] inputShape)
    {
        if (inputShape.Length != 1)
            throw new ArgumentException($"{TypeName} expects node features [features] (one row per node) but got " +
                $"{Tensor.FormatShape(inputShape)}.", nameof(inputShape));
    }

    /// <summary>The adjacency for a forward pass on <paramref name="input"/>, checked against its rows.</summary>
    /// <exception cref="InvalidOperationException">No adjacency is set, or it has another number of nodes.</exception>
    protected SparseAdjacency AdjacencyFor(Tensor input)
    {
        CheckInput(input);
        var adjacency = Adjacency ?? throw new InvalidOperationException($"{TypeName} needs the graph's adjacency: set " +
            $"ModelGraph.Adjacency (or the layer's SetAdjacency) before Forward.");
        if (adjacency.NodeCount != input.Rows)
            throw new InvalidOperationException($"{TypeName} got features of {input.Rows} nodes but an adjacency of " +
                $"{adjacency.NodeCount} nodes.");
        return adjacency;
    }

    /// <summary>y = f(z + b), in place on z when there is no activation.</summary>
    protected Tensor Finish(Tensor z)
    {
        int width = OutputWidth;
        if (_bias is not null)
            for (int i = 0; i < z.Rows; i++) TensorPrimitives.Add(z.Span.Slice(i * width, width), _bias.Value.Span, z.Span.Slice(i * width, width));
        if (Activation == Activation.None) return z;
        var y = Tensor.Ensure(ref _output, z.Shape);
        _activation.Forward(z.Span, y.Span, width);
        return y;
    }

    /// <summary>dz = f'(z) ⊙ dy, and db += Σ_nodes dz; <paramref name="z"/> is the pre-activation of the last forward.</summary>
    protected Tensor StartBackward(Tensor z, Tensor outputGradient)
    {
        int width = OutputWidth;
        var dz = outputGradient;
        if (Activation != Activation.None)
        {
            dz = Tensor.Ensure(ref _gradPre, z.Shape);
            _activation.Backward(z.Span, _output!.Span, outputGradient.Span, dz.Span, width);
        }
        if (_bias is not null)
            for (int i = 0; i < dz.Rows; i++) TensorPrimitives.Add(_bias.Gradient.Span, dz.Span.Slice(i * width, width), _bias.Gradient.Span);
        return dz;
    }
}
