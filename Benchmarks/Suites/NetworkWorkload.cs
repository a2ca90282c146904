using System.Diagnostics;
using MLExt.Data;
using MLExt.Neural;
using MLExt.Neural.Kernels;

namespace MLExt.Benchmarks.Suites;

/// <summary>
/// A benchmark network trained at engine level (Adam 1e-3, softmax cross-entropy, batch 64) on the
/// MNIST training split, so that a training step and its GEMMs can be timed and its allocations counted.
/// </summary>
internal sealed class NetworkWorkload
{
    private const int BatchSize = TrainingBenchmark.BatchSize;
    private readonly TrainingSet _data;
    private readonly Network _network;
    private readonly TrainingOptions _options;
    private readonly Tensor _x, _y = new(BatchSize, 10);
    private readonly int[] _rows = new int[BatchSize];
    private int _step;
    private float _learningRate;

    public NetworkWorkload(TrainingBenchmark benchmark, MnistDigits train)
    {
        var features = new float[train.Count * 784];
        var targets = new float[train.Count * 10];
        for (int i = 0; i < train.Count; i++)
        {
            train.Images[i].CopyTo(features, i * 784);
            targets[i * 10 + train.Labels[i]] = 1f;
        }
        _network = benchmark.CreateNetwork();
        _data = new TrainingSet(features, _network.InputShape, targets, 10);
        _x = new Tensor(Tensor.BatchShape(BatchSize, _network.InputShape));
        _options = new TrainingOptions { BatchSize = BatchSize, Optimizer = new AdamOptimizer(), Loss = new SoftmaxCrossEntropy() };
        _learningRate = _options.Optimizer.LearningRate;
    }

    /// <summary>Trainable values of the network.</summary>
    public long ParameterCount => _network.Parameters.Sum(p => (long)p.Value.Length);

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

    /// <summary>
    /// Where a training step's time goes: the step of <see cref="TrainingLoop.Step"/> taken apart (zeroing
    /// gradients, each layer's forward, the loss, each layer's backward, the optimiser with the finiteness
    /// check), each part timed over <paramref name="batches"/> batches. Returns seconds per batch by part.
    /// </summary>
    public List<(string Part, double Seconds)> Profile(int batches)
    {
        var layers = _network.Layers;
        var times = new double[layers.Count * 2 + 3];
        for (int b = 0; b < batches; b++, _step++)
        {
            for (int r = 0; r < BatchSize; r++) _rows[r] = (_step * BatchSize + r) % _data.Count;
            _data.Gather(_rows, _x, _y);
            long t = Stopwatch.GetTimestamp();
            _network.ZeroGradients();
            t = Lap(times, 0, t);
            var h = _x;
            for (int l = 0; l < layers.Count; l++)
            {
                h = layers[l].Forward(h, training: true);
                t = Lap(times, 1 + l, t);
            }
            _options.Loss.Forward(h, _y);
            var g = _options.Loss.Backward();
            t = Lap(times, 1 + layers.Count, t);
            for (int l = layers.Count - 1; l >= 0; l--)
            {
                g = layers[l].Backward(g);
                t = Lap(times, 2 + layers.Count + l, t);
            }
            _ = _options.Optimizer.Step(_network.Parameters, _learningRate, gradientScale: 1f); // the check is in the same pass
            Lap(times, 2 + 2 * layers.Count, t);
        }
        var parts = new List<(string, double)> { ("zero gradients", times[0] / batches) };
        for (int l = 0; l < layers.Count; l++) parts.Add(($"{l + 1}. {layers[l].TypeName} forward", times[1 + l] / batches));
        parts.Add(("loss and its gradient", times[1 + layers.Count] / batches));
        for (int l = layers.Count - 1; l >= 0; l--) parts.Add(($"{l + 1}. {layers[l].TypeName} backward", times[2 + layers.Count + l] / batches));
        parts.Add(($"{_options.Optimizer.GetType().Name} step and finiteness check", times[2 + 2 * layers.Count] / batches));
        return parts;
    }

    /// <summary>
    /// Seconds per Adam step on copies of the network's parameters and their last gradients, three ways,
    /// alternated <paramref name="repeats"/> times (best of each): the previous form (one thread, then a
    /// second pass over the values for the finiteness check), the fused pass on one thread, and the fused
    /// pass split across all cores; wall-clock and process CPU seconds per step (best of each). Copies, so
    /// the workload's own training is untouched.
    /// </summary>
    public (double Wall, double Cpu)[] OptimizerStep(int repeats, double minSeconds)
    {
        var copies = _network.Parameters.Select(p =>
        {
            var copy = new Parameter(p.Name, p.Value.Shape.ToArray(), p.IsWeight);
            p.Value.Span.CopyTo(copy.Value.Span);
            p.Gradient.Span.CopyTo(copy.Gradient.Span);
            return copy;
        }).ToArray();
        var optimizer = new AdamOptimizer();
        float learningRate = _learningRate;
        Action previous = () =>
        {
            optimizer.MaxThreads = 1;
            optimizer.Step(copies, learningRate, gradientScale: 1f);
            foreach (var p in copies) _ = System.Numerics.Tensors.TensorPrimitives.Sum(p.Value.Span);
        };
        Action oneThread = () =>
        {
            optimizer.MaxThreads = 1;
            optimizer.Step(copies, learningRate, gradientScale: 1f);
        };
        Action allThreads = () =>
        {
            optimizer.MaxThreads = Environment.ProcessorCount;
            optimizer.Step(copies, learningRate, gradientScale: 1f);
        };
        Action[] forms = [previous, oneThread, allThreads];
        var wall = new double[3];
        var cpu = new double[3];
        Array.Fill(wall, double.MaxValue);
        Array.Fill(cpu, double.MaxValue);
        for (int r = 0; r < repeats; r++)
            for (int f = 0; f < forms.Length; f++)
            {
                var (w, c) = Reporting.Timing.WallAndCpuPerCall(forms[f], minSeconds);
                (wall[f], cpu[f]) = (Math.Min(wall[f], w), Math.Min(cpu[f], c));
            }
        return [.. Enumerable.Range(0, 3).Select(f => (wall[f], cpu[f]))];
    }

    private static long Lap(double[] times, int part, long start)
    {
        long now = Stopwatch.GetTimestamp();
        times[part] += Stopwatch.GetElapsedTime(start, now).TotalSeconds;
        return now;
    }

    /// <summary>The step's products alone, on random operands of the same shapes.</summary>
    public static Action Gemms(IReadOnlyList<GemmCase> shapes)
    {
        var random = new RandomSource(2);
        var calls = shapes.Select(shape =>
        {
            var a = Values(random, shape.M * shape.K);
            var b = Values(random, shape.K * shape.N);
            var c = new float[shape.M * shape.N];
            return (Action)(() => Gemm.Multiply(shape.TransposeA, shape.TransposeB, shape.M, shape.N, shape.K, a, b, c, accumulate: false));
        }).ToArray();
        return () =>
        {
            foreach (var call in calls) call();
        };
    }

    private static float[] Values(RandomSource random, int count)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++) values[i] = random.NextFloat() - 0.5f;
        return values;
    }
}
