using MLExt.Cli.Data;
using MLExt.Neural;
using MLExt.Neural.Kernels;

namespace MLExt.Benchmarks.Suites;

/// <summary>
/// The MLP — 784-256-128-10, ReLU, Adam 1e-3, batch 64 — on the embedded MNIST training split,
/// driven at engine level so that a training step and its GEMMs can be timed and its allocations counted.
/// </summary>
internal sealed class MlpWorkload
{
    public const int BatchSize = 64;
    public static readonly int[] Widths = [784, 256, 128, 10];

    private readonly TrainingSet _data;
    private readonly Network _network;
    private readonly TrainingOptions _options;
    private readonly Tensor _x = new(BatchSize, 784), _y = new(BatchSize, 10);
    private readonly int[] _rows = new int[BatchSize];
    private int _step;
    private float _learningRate;

    public MlpWorkload(MnistDigits train)
    {
        var features = new float[train.Count * 784];
        var targets = new float[train.Count * 10];
        for (int i = 0; i < train.Count; i++)
        {
            train.Images[i].CopyTo(features, i * 784);
            targets[i * 10 + train.Labels[i]] = 1f;
        }
        _data = new TrainingSet(features, [784], targets, 10);
        _network = new Network([new Dense(256, Activation.Relu), new Dense(128, Activation.Relu), new Dense(10)]);
        _network.Build([784], new RandomSource(1));
        _options = new TrainingOptions { BatchSize = BatchSize, Optimizer = new AdamOptimizer(), Loss = new SoftmaxCrossEntropy() };
        _learningRate = _options.Optimizer.LearningRate;
    }

    /// <summary>Floating-point operations of one training sample: forward, weight gradient and input gradient of each layer.</summary>
    public static double FlopsPerSample
    {
        get
        {
            double multiplyAdds = 0;
            for (int l = 0; l + 1 < Widths.Length; l++) multiplyAdds += (double)Widths[l] * Widths[l + 1];
            return 2 * 3 * multiplyAdds;
        }
    }

    /// <summary>Runs <paramref name="count"/> training steps on successive batches of the data (wrapping around).</summary>
    public void Train(int count)
    {
        for (int b = 0; b < count; b++, _step++)
        {
            for (int r = 0; r < BatchSize; r++) _rows[r] = (_step * BatchSize + r) % _data.Count;
            _data.Gather(_rows, _x, _y);
            TrainingLoop.Step(_network, _x, _y, _options, epoch: 0, batch: _step, ref _learningRate);
        }
    }

    /// <summary>The nine products of one training step at batch 64, as the dense layers run them.</summary>
    public static Action GemmsOfOneStep()
    {
        var random = new RandomSource(2);
        var calls = new List<Action>();
        for (int l = 0; l + 1 < Widths.Length; l++)
        {
            int inputs = Widths[l], units = Widths[l + 1];
            var x = Values(random, BatchSize * inputs);
            var w = Values(random, inputs * units);
            var z = new float[BatchSize * units];
            var dw = new float[inputs * units];
            var dx = new float[BatchSize * inputs];
            calls.Add(() => Gemm.Multiply(false, false, BatchSize, units, inputs, x, w, z, accumulate: false));
            calls.Add(() => Gemm.Multiply(true, false, inputs, units, BatchSize, x, z, dw, accumulate: true));
            calls.Add(() => Gemm.Multiply(false, true, BatchSize, inputs, units, z, w, dx, accumulate: false));
        }
        var all = calls.ToArray();
        return () =>
        {
            foreach (var call in all) call();
        };
    }

    private static float[] Values(RandomSource random, int count)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++) values[i] = random.NextFloat() - 0.5f;
        return values;
    }
}
