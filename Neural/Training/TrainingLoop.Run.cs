using System.Diagnostics;

namespace MLExt.Neural;

public static partial class TrainingLoop
{
    // The loop itself, for networks and graphs alike: shuffle, batches through the step, validation, history,
    // early stopping, checkpoints.
    private static TrainingHistory Run(LoopRun run, GraphData training, GraphData? validation)
    {
        var (graph, objective, options, random, step) = (run.Graph, run.Objective, run.Options, run.Random, run.Step);
        if (training.Count == 0) throw new ArgumentException("The training set has no rows.", nameof(training));
        if (validation is { Count: 0 }) validation = null;
        var optimizers = step.Optimizers;
        int n = training.Count, batchSize = Math.Min(options.BatchSize, n);
        int batches = (n + batchSize - 1) / batchSize;
        int reportEvery = Math.Max(1, batches / ProgressReportsPerEpoch);
        var batch = new TrainingBatch(graph, objective, options, training);

        var stopping = options.EarlyStopping;
        bool monitorMetric = stopping?.Monitor == EarlyStoppingMonitor.ValidationMetric && validation is not null && options.Metric is not null;
        // A resumed run restores everything a run that never stopped would have at this point.
        var state = options.ResumeFrom?.Restore(run.Architecture, run.Sequential, run.BuiltIn, graph, optimizers, random)
            ?? new TrainingLoopState { LearningRate = optimizers.Count > 0 ? optimizers[0].LearningRate : 0f };
        var epochs = state.Epochs;
        float learningRate = state.LearningRate;
        if (state.Order is { } saved && saved.Length != n)
            throw new ArgumentException($"The checkpoint to resume from was written for {saved.Length} training rows; the " +
                $"training set has {n}.", nameof(training));
        var order = state.Order ??= Enumerable.Range(0, n).ToArray();

        for (int epoch = epochs.Count; epoch < options.NumberOfEpochs && !state.StoppedEarly; epoch++)
        {
            var clock = Stopwatch.StartNew();
            if (options.Shuffle) random.Shuffle(order.AsSpan());
            double lossSum = 0;
            for (int b = 0; b < batches; b++)
            {
                options.CancellationToken.ThrowIfCancellationRequested();
                int start = b * batchSize, count = Math.Min(batchSize, n - start);
                batch.Load(order.AsSpan(start, count), epoch, b);
                batch.LearningRate = learningRate;
                lossSum += step.Run(batch);
                learningRate = batch.LearningRate;
                if (options.Progress is not null && (b + 1) % reportEvery == 0 && b + 1 < batches)
                    options.Progress.Report(new TrainingProgress
                    {
                        Epoch = epoch + 1, NumberOfEpochs = options.NumberOfEpochs, Batch = b + 1,
                        BatchesPerEpoch = batches, TrainingLoss = lossSum / (b + 1), MetricName = options.Metric?.Name,
                    });
            }

            double trainingLoss = lossSum / batches;
            double? validationLoss = null, validationMetric = null;
            if (validation is not null) (validationLoss, validationMetric) = Validate(graph, objective, validation, batchSize, options.Metric);
            clock.Stop();
            var summary = new EpochSummary
            {
                Epoch = epoch + 1, TrainingLoss = trainingLoss, ValidationLoss = validationLoss,
                ValidationMetric = validationMetric, LearningRate = learningRate, Elapsed = clock.Elapsed,
            };
            epochs.Add(summary);
            options.Progress?.Report(new TrainingProgress
            {
                Epoch = epoch + 1, NumberOfEpochs = options.NumberOfEpochs, Batch = batches, BatchesPerEpoch = batches,
                TrainingLoss = trainingLoss, EpochCompleted = true, ValidationLoss = validationLoss,
                ValidationMetric = validationMetric, MetricName = options.Metric?.Name,
            });
            options.Log?.Invoke(Describe(summary, options.Metric?.Name));

            state.LearningRate = learningRate;
            if (stopping is not null) UpdateEarlyStopping(state, stopping, monitorMetric ? validationMetric!.Value : validationLoss ?? trainingLoss,
                monitorMetric ? options.Metric : null, graph, epoch + 1, options.NumberOfEpochs);
            if (options.CheckpointPath is not null)
                TrainingCheckpoint.Capture(run.Architecture, graph, optimizers, random, state).Save(options.CheckpointPath);
        }

        int finalEpoch = epochs.Count;
        if (stopping is { RestoreBestWeights: true } && state.BestWeights is not null && state.BestEpoch != finalEpoch)
        {
            graph.SetWeights(state.BestWeights);
            finalEpoch = state.BestEpoch;
        }
        return new TrainingHistory(epochs, options.Metric?.Name, finalEpoch, state.StoppedEarly);
    }

    // The objective (without the layers' loss terms, which belong to single batches) over the whole validation set,
    // and the metric on the first loss's output.
    private static (double Loss, double? Metric) Validate(ModelGraph graph, GraphObjective objective, GraphData data, int batchSize, ValidationMetric? metric)
    {
        var predictions = Predict(graph, data, batchSize);
        var targets = objective.Losses.Select(l => new Tensor(data.ValuesOf(l.Target), Tensor.BatchShape(data.Count, data.ShapeOf(l.Target)))).ToArray();
        double loss = objective.Forward(predictions, targets, includeLossTerms: false);
        int first = graph.OutputIndex(objective.Losses[0].Output);
        return (loss, metric?.Compute(predictions[first], targets[0]));
    }
}
