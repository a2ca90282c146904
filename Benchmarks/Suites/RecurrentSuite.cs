using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using MLExt.Benchmarks.Reporting;
using MLExt.Neural;
using Tensor = MLExt.Neural.Tensor;

namespace MLExt.Benchmarks.Suites;

/// <summary>
/// Sequence models on synthetic token ids (vocabulary 5,000, right-padded to 64 steps, lengths 16–64): embedding 64 →
/// recurrent layer of 64 units → dense 2, batch 32, Adam, softmax cross-entropy. For each recurrent layer: training
/// sequences/s and real tokens/s, managed bytes per training batch, inference sequences/s of MLExt's forward pass and
/// of ONNX Runtime on the exported graph (its LSTM/GRU/RNN kernels, same process, same batch).
/// </summary>
internal static class RecurrentSuite
{
    private const int Vocabulary = 5000, Steps = 64, Batch = 32, Dimension = 64, Units = 64;

    private static readonly (string Name, Func<Layer> Create)[] Models =
    [
        ("SimpleRnn", () => Layer.SimpleRnn(Units)),
        ("Lstm", () => Layer.Lstm(Units)),
        ("Gru", () => Layer.Gru(Units)),
        ("Bidirectional Lstm", () => Layer.Bidirectional(Layer.Lstm(Units / 2))),
    ];

    public static void Run(SuiteReport report, bool quick, int repeats)
    {
        double minSeconds = quick ? 0.2 : 1.0;
        var rows = report.Table($"Recurrent layers: batch {Batch}, {Steps} steps, embedding {Dimension}, {Units} units",
            "model", "train seq/s (best)", "train seq/s (median)", "real tokens/s", "bytes/batch", "MLExt infer seq/s", "ONNX Runtime infer seq/s", "ratio", "load");
        var random = new RandomSource(1);
        var x = new Tensor(Batch, Steps);
        long realTokens = 0;
        for (int b = 0; b < Batch; b++)
        {
            int length = 16 + random.NextInt(Steps - 15);
            realTokens += length;
            for (int t = 0; t < length; t++) x[b * Steps + t] = 1 + random.NextInt(Vocabulary - 1);
        }
        var y = new Tensor(Batch, 2);
        for (int b = 0; b < Batch; b++) y[b * 2 + b % 2] = 1f;

        foreach (var (name, create) in Models)
        {
            SuiteReport.Progress($"recurrent: {name}");
            var network = new Network([Layer.Embedding(Vocabulary, Dimension, paddingIndex: 0), create(), Layer.Dense(2)]);
            network.Build([Steps], new RandomSource(2));
            var options = new TrainingOptions { BatchSize = Batch, Optimizer = new AdamOptimizer(), Loss = new SoftmaxCrossEntropy() };
            float learningRate = options.Optimizer.LearningRate;
            int step = 0;
            void Train() => TrainingLoop.Step(network, x, y, options, 0, step++, ref learningRate);
            for (int i = 0; i < 10; i++) Train();
            // The fewest bytes of several single batches (JIT tiering and other threads add noise to any one).
            long bytesPerBatch = long.MaxValue;
            for (int i = 0; i < 10; i++)
            {
                long before = GC.GetTotalAllocatedBytes(precise: true);
                Train();
                bytesPerBatch = Math.Min(bytesPerBatch, GC.GetTotalAllocatedBytes(precise: true) - before);
            }

            using var session = new InferenceSession(network.ExportOnnx());
            var input = NamedOnnxValue.CreateFromTensor("input", new DenseTensor<float>(x.Span.ToArray(), x.Shape));
            void Onnx()
            {
                using var results = session.Run([input]);
            }
            void Infer() => network.Forward(x, training: false);
            var train = new List<double>();
            var mlext = new List<double>();
            var onnx = new List<double>();
            var load = LoadAverage.Open();
            for (int r = 0; r < repeats; r++)
            {
                train.Add(Timing.SecondsPerCall(Train, minSeconds));
                mlext.Add(Timing.SecondsPerCall(Infer, minSeconds));
                onnx.Add(Timing.SecondsPerCall(Onnx, minSeconds));
            }
            load.Close();
            double bestTrain = train.Min();
            rows.Add([
                name, $"{Batch / bestTrain:N0}", $"{Batch / Timing.Median(train):N0}", $"{realTokens / bestTrain:N0}", $"{bytesPerBatch:N0}",
                $"{Batch / mlext.Min():N0}", $"{Batch / onnx.Min():N0}", $"{onnx.Min() / mlext.Min():F2}", load.ToString(),
            ]);
            report.Json[name] = new System.Text.Json.Nodes.JsonObject
            {
                ["trainSequencesPerSecondBest"] = Batch / bestTrain,
                ["trainSequencesPerSecondMedian"] = Batch / Timing.Median(train),
                ["realTokensPerSecond"] = realTokens / bestTrain,
                ["bytesPerTrainingBatch"] = bytesPerBatch,
                ["inferenceSequencesPerSecond"] = Batch / mlext.Min(),
                ["onnxRuntimeInferenceSequencesPerSecond"] = Batch / onnx.Min(),
                ["load"] = load.ToJson(),
            };
        }
        report.Note("ratio: ONNX Runtime's time over MLExt's for inference (above 1: MLExt is faster). Best of the repeats; the median is what a busy machine gives.");
        report.LoadNote();
    }
}
