using System.Numerics.Tensors;
using MLExt.Neural.Kernels;

namespace MLExt.Neural;

/// <summary>
/// GraphSAGE (Hamilton, Ying &amp; Leskovec 2017): h_i = f([x_i, agg_{j∈N(i)} x_j]·W + b), written as
/// x_i·W_self + agg_i·W_neighbour + b — the node's own features concatenated with an aggregate of its neighbours'
/// (their mean, or their element-wise maximum). A node without neighbours aggregates to zeros. Inductive: the
/// weights do not depend on the graph, so nodes added later are scored with their edges.
/// </summary>
public sealed class GraphSage : GraphLayer
{
    private Parameter? _selfKernel, _neighbourKernel;
    private Parameter[]? _parameters;
    private Tensor? _input, _aggregate, _preActivation, _gradAggregate, _gradInput, _scattered;
    private int[] _argMax = [];
    private SparseAdjacency? _adjacency;

    /// <summary>Creates an unbuilt GraphSAGE layer of <paramref name="units"/> outputs per node.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="units"/> is not positive.</exception>
    public GraphSage(int units, GraphSageAggregator aggregator = GraphSageAggregator.Mean, Activation activation = Activation.None,
        bool useBias = true) : base(activation, useBias)
    {
        if (units <= 0) throw new ArgumentOutOfRangeException(nameof(units), units, "GraphSage needs at least one unit.");
        Units = units;
        Aggregator = aggregator;
    }

    /// <summary>Outputs per node.</summary>
    public int Units { get; }

    /// <summary>Mean or max over the neighbours.</summary>
    public GraphSageAggregator Aggregator { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<Parameter> Parameters => _parameters ?? [];

    /// <inheritdoc/>
    protected override int OutputWidth => Units;

    /// <inheritdoc/>
    protected override int[] OnBuild(int[] inputShape, RandomSource random)
    {
        CheckShape(inputShape);
        int inputs = inputShape[0];
        var initializer = InitializerDefaults.For(Activation);
        _selfKernel = new Parameter("selfKernel", [inputs, Units], isWeight: true);
        _neighbourKernel = new Parameter("neighbourKernel", [inputs, Units], isWeight: true);
        // Fan-in of the concatenation [x, agg]: 2·in.
        initializer.Fill(_selfKernel.Value.Span, 2 * inputs, Units, random);
        initializer.Fill(_neighbourKernel.Value.Span, 2 * inputs, Units, random);
        BuildOutput(random);
        _parameters = Bias is null ? [_selfKernel, _neighbourKernel] : [_selfKernel, _neighbourKernel, Bias];
        return [Units];
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, bool training)
    {
        var adjacency = AdjacencyFor(input);
        int n = input.Rows, inputs = InputShape[0];
        _input = input;
        var aggregate = Tensor.Ensure(ref _aggregate, n, inputs);
        if (Aggregator == GraphSageAggregator.Mean)
        {
            // agg_i = Σ_j (w_ij / Σ_k w_ik) x_j
            _adjacency = adjacency.RowNormalized();
            _adjacency.Multiply(input.Span, aggregate.Span, inputs);
        }
        else
        {
            _adjacency = adjacency;
            MaxAggregate(adjacency, input.Span, aggregate.Span, inputs);
        }
        // z = x·W_self + agg·W_neighbour
        var z = Tensor.Ensure(ref _preActivation, n, Units);
        Gemm.Multiply(transposeA: false, transposeB: false, n, Units, inputs, input.Data, _selfKernel!.Value.Data, z.Data, accumulate: false);
        Gemm.Multiply(transposeA: false, transposeB: false, n, Units, inputs, aggregate.Data, _neighbourKernel!.Value.Data, z.Data, accumulate: true);
        return Finish(z);
    }

    // agg_ic = max_{j∈N(i)} x_jc, remembering which j; zeros (and no j) for a node without neighbours.
    private void MaxAggregate(SparseAdjacency adjacency, ReadOnlySpan<float> x, Span<float> aggregate, int width)
    {
        if (_argMax.Length < aggregate.Length) _argMax = new int[aggregate.Length];
        for (int i = 0; i < adjacency.NodeCount; i++)
        {
            int first = adjacency.RowStarts[i], last = adjacency.RowStarts[i + 1];
            var row = aggregate.Slice(i * width, width);
            var arg = _argMax.AsSpan(i * width, width);
            if (first == last)
            {
                row.Clear();
                arg.Fill(-1);
                continue;
            }
            for (int c = 0; c < width; c++)
            {
                int best = adjacency.Columns[first];
                for (int e = first + 1; e < last; e++)
                    if (x[adjacency.Columns[e] * width + c] > x[best * width + c]) best = adjacency.Columns[e];
                row[c] = x[best * width + c];
                arg[c] = best;
            }
        }
    }

    /// <inheritdoc/>
    public override Tensor Backward(Tensor outputGradient) => Backward(outputGradient, inputGradient: true)!;

    /// <inheritdoc/>
    internal override void BackwardParametersOnly(Tensor outputGradient) => Backward(outputGradient, inputGradient: false);

    private Tensor? Backward(Tensor outputGradient, bool inputGradient)
    {
        var input = _input ?? throw new InvalidOperationException("GraphSage.Backward called before Forward.");
        int n = input.Rows, inputs = InputShape[0];
        var dz = StartBackward(_preActivation!, outputGradient);
        // dW_self += xᵀ·dz ;  dW_neighbour += aggᵀ·dz
        Gemm.Multiply(transposeA: true, transposeB: false, inputs, Units, n, input.Data, dz.Data, _selfKernel!.Gradient.Data, accumulate: true);
        Gemm.Multiply(transposeA: true, transposeB: false, inputs, Units, n, _aggregate!.Data, dz.Data, _neighbourKernel!.Gradient.Data, accumulate: true);
        if (!inputGradient) return null;
        // dx = dz·W_selfᵀ + (∂agg/∂x)ᵀ·(dz·W_neighbourᵀ)
        var dx = Tensor.Ensure(ref _gradInput, n, inputs);
        var dAggregate = Tensor.Ensure(ref _gradAggregate, n, inputs);
        Gemm.Multiply(transposeA: false, transposeB: true, n, inputs, Units, dz.Data, _selfKernel.Value.Data, dx.Data, accumulate: false);
        Gemm.Multiply(transposeA: false, transposeB: true, n, inputs, Units, dz.Data, _neighbourKernel.Value.Data, dAggregate.Data, accumulate: false);
        if (Aggregator == GraphSageAggregator.Mean)
        {
            // mean: (∂agg/∂x)ᵀ = Rᵀ
            var scattered = Tensor.Ensure(ref _scattered, n, inputs);
            _adjacency!.MultiplyTransposed(dAggregate.Span, scattered.Span, inputs);
            TensorPrimitives.Add(dx.Span, scattered.Span, dx.Span);
        }
        else
        {
            // max: each aggregate value's gradient goes to the neighbour that supplied it
            var g = dAggregate.Span;
            var d = dx.Span;
            for (int k = 0; k < n * inputs; k++)
                if (_argMax[k] >= 0) d[_argMax[k] * inputs + k % inputs] += g[k];
        }
        return dx;
    }

    /// <inheritdoc/>
    public override LayerConfig GetConfig() => new LayerConfig(nameof(GraphSage)).Set("units", Units)
        .Set("aggregator", Aggregator).Set("activation", Activation).Set("useBias", UseBias);

    internal static GraphSage Create(LayerConfig config) => new(config.GetInt("units"),
        config.GetEnum<GraphSageAggregator>("aggregator"), config.GetEnum<Activation>("activation"), config.GetBool("useBias"));
}
