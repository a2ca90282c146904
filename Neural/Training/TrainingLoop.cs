using System.Diagnostics;
using System.Globalization;

namespace MLExt.Neural;

/// <summary>
/// Minibatch gradient descent over a <see cref="TrainingSet"/>: shuffle (seeded), forward, loss,
/// backward, penalties, clipping, optimiser step; per-epoch validation, history, early stopping and
/// progress. Same network initialisation, data and seed give the same result.
/// </summary>
public static class TrainingLoop
{
    private const int ProgressReportsPerEpoch = 20;

    /// <summary>
    /// Trains a built <paramref name="network"/> on <paramref name="training"/>, validating after each
    /// epoch on <paramref name="validation"/> when given. Shuffling draws from <paramref name="random"/>.
    /// </summary>
    /// <returns>The per-epoch history.</returns>
    /// <exception cref="ArgumentException">Data shapes do not fit the network, or the training set is empty.</exception>
    /// <exception cref="TrainingDivergedException">The loss or a weight became NaN or infinite.</exception>
    /// <exception cref="OperationCanceledException">The options' token was cancelled.</exception>
    public static TrainingHistory Fit(Network network, TrainingSet training, TrainingSet? validation, TrainingOptions options, RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(random);
        options.Validate();
        CheckFits(network, training, nameof(training));
        if (validation is not null) CheckFits(network, validation, nameof(validation));
        if (training.Count == 0) throw new ArgumentException("The training set has no rows.", nameof(training));
        if (validation is { Count: 0 }) validation = null;

        var optimizer = options.Optimizer;
        int n = training.Count, batchSize = Math.Min(options.BatchSize, n);
        int batches = (n + batchSize - 1) / batchSize;
        int reportEvery = Math.Max(1, batches / ProgressReportsPerEpoch);
        var x = new Tensor(Tensor.BatchShape(batchSize, training.FeatureShape));
        var y = new Tensor(batchSize, training.TargetWidth);

        var stopping = options.EarlyStopping;
        bool monitorMetric = stopping?.Monitor == EarlyStoppingMonitor.ValidationMetric && validation is not null && options.Metric is not null;
        // A resumed run restores everything a run that never stopped would have at this point.
        var state = options.ResumeFrom?.Restore(network, optimizer, random) ?? new TrainingLoopState { LearningRate = optimizer.LearningRate };
        var epochs = state.Epochs;
        float learningRate = state.LearningRate;
        if (state.Order is { } saved && saved.Length != n)
            throw new ArgumentException($"The checkpoint to resume from was written for {saved.Length} training rows; the training set has {n}.", nameof(training));
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
                training.Gather(order.AsSpan(start, count), x, y);
                lossSum += Step(network, x, y, options, epoch, b, ref learningRate);
                if (options.Progress is not null && (b + 1) % reportEvery == 0 && b + 1 < batches)
                    options.Progress.Report(new TrainingProgress
                    {
                        Epoch = epoch + 1, NumberOfEpochs = options.NumberOfEpochs, Batch = b + 1,
                        BatchesPerEpoch = batches, TrainingLoss = lossSum / (b + 1), MetricName = options.Metric?.Name,
                    });
            }

            double trainingLoss = lossSum / batches;
            double? validationLoss = null, validationMetric = null;
            if (validation is not null)
            {
                var (predictions, targets) = Predict(network, validation, batchSize);
                validationLoss = options.Loss.Forward(predictions, targets);
                validationMetric = options.Metric?.Compute(predictions, targets);
            }
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
                monitorMetric ? options.Metric : null, network, epoch + 1, options.NumberOfEpochs);
            if (options.CheckpointPath is not null) TrainingCheckpoint.Capture(network, optimizer, random, state).Save(options.CheckpointPath);
        }

        int finalEpoch = epochs.Count;
        if (stopping is { RestoreBestWeights: true } && state.BestWeights is not null && state.BestEpoch != finalEpoch)
        {
            network.SetWeights(state.BestWeights);
            finalEpoch = state.BestEpoch;
        }
        return new TrainingHistory(epochs, options.Metric?.Name, finalEpoch, state.StoppedEarly);
    }

    // Records an improvement of the monitored value (by the metric's direction, else lower is better), or
    // counts an epoch without one and sets StoppedEarly after Patience of them.
    private static void UpdateEarlyStopping(TrainingLoopState state, EarlyStopping stopping, double monitored, ValidationMetric? metric,
        Network network, int epoch, int numberOfEpochs)
    {
        bool improved = double.IsNaN(state.Best) || (metric is not null
            ? metric.IsImprovement(monitored, state.Best, stopping.MinDelta)
            : monitored < state.Best - stopping.MinDelta);
        if (improved)
        {
            state.Best = monitored;
            state.BestEpoch = epoch;
            state.SinceBest = 0;
            if (stopping.RestoreBestWeights) state.BestWeights = network.GetWeights();
        }
        else if (++state.SinceBest >= stopping.Patience)
            state.StoppedEarly = epoch < numberOfEpochs;
    }

    /// <summary>
    /// One training step on the batch (<paramref name="x"/>, <paramref name="y"/>): forward, loss, backward,
    /// penalties, clipping, optimiser step. Allocates nothing once the layers' buffers exist for this
    /// batch shape. Returns the batch loss; <paramref name="learningRate"/> receives the rate used.
    /// </summary>
    /// <exception cref="TrainingDivergedException">The loss or a weight became NaN or infinite.</exception>
    internal static float Step(Network network, Tensor x, Tensor y, TrainingOptions options, int epoch, int batch, ref float learningRate)
    {
        var parameters = network.Parameters;
        var optimizer = options.Optimizer;
        network.ZeroGradients();
        var prediction = network.Forward(x, training: true);
        float loss = options.Loss.Forward(prediction, y);
        if (!float.IsFinite(loss))
            throw new TrainingDivergedException(
                $"The training loss became {loss} at epoch {epoch + 1}, batch {batch + 1}. Lower the learning rate (now {learningRate.ToString(CultureInfo.InvariantCulture)}), clip gradients, or scale the features.");
        network.BackwardParametersOnly(options.Loss.Backward());

        if (options.L1Regularization > 0 || options.L2Regularization > 0)
            WeightPenalty.AddGradients(parameters, options.L1Regularization, options.L2Regularization);
        if (options.GradientClipValue is float limit) GradientClipping.ClipByValue(parameters, limit);
        // Clipping by global norm scales the gradients inside the optimiser's pass rather than rewriting them.
        float gradientScale = options.EffectiveGradientClipNorm(network) is float maxNorm
            ? GradientClipping.Scale(Math.Sqrt(optimizer.GradientSumOfSquares(parameters)), maxNorm) : 1f;

        learningRate = optimizer.Schedule?.GetLearningRate(optimizer.LearningRate, optimizer.StepCount, epoch) ?? optimizer.LearningRate;
        int diverged = optimizer.Step(parameters, learningRate, gradientScale);
        if (diverged >= 0) throw Diverged(parameters[diverged], epoch, batch);
        return loss;
    }

    /// <summary>Runs the network in inference mode over all rows; returns predictions and targets as whole tensors.</summary>
    public static (Tensor Predictions, Tensor Targets) Predict(Network network, TrainingSet data, int batchSize)
    {
        int n = data.Count, outputs = Tensor.Product(network.OutputShape);
        var predictions = new Tensor(Tensor.BatchShape(n, network.OutputShape));
        var targets = new Tensor(data.Targets, n, data.TargetWidth);
        var x = new Tensor(Tensor.BatchShape(Math.Min(batchSize, n), data.FeatureShape));
        var rows = new int[Math.Min(batchSize, n)];
        var ignoredTargets = new Tensor(rows.Length, data.TargetWidth);
        for (int start = 0; start < n; start += batchSize)
        {
            int count = Math.Min(batchSize, n - start);
            for (int i = 0; i < count; i++) rows[i] = start + i;
            data.Gather(rows.AsSpan(0, count), x, ignoredTargets);
            var y = network.Forward(x, training: false);
            y.Span.CopyTo(predictions.Data.AsSpan(start * outputs, count * outputs));
        }
        return (predictions, targets);
    }

    private static void CheckFits(Network network, TrainingSet data, string name)
    {
        if (!network.IsBuilt) throw new ArgumentException("Build the network before training it.", nameof(network));
        if (!Tensor.SameShape(network.InputShape, data.FeatureShape))
            throw new ArgumentException($"The network takes inputs of shape {Tensor.FormatShape(network.InputShape)} but the {name} rows have shape {Tensor.FormatShape(data.FeatureShape)}.", name);
        int outputs = Tensor.Product(network.OutputShape);
        if (outputs != data.TargetWidth)
            throw new ArgumentException($"The network has {outputs} outputs but the {name} targets have {data.TargetWidth} values per row.", name);
    }

    private static TrainingDivergedException Diverged(Parameter p, int epoch, int batch) => new(
        $"Weights of '{p.Name}' {p.Value.ShapeText} became NaN or infinite after the step at epoch {epoch + 1}, batch {batch + 1}. Lower the learning rate, add gradient clipping (GradientClipNorm), or scale the features.");

    private static string Describe(EpochSummary s, string? metricName)
    {
        var text = FormattableString.Invariant($"epoch {s.Epoch}: loss {s.TrainingLoss:F4}");
        if (s.ValidationLoss is double vl) text += FormattableString.Invariant($", validation loss {vl:F4}");
        if (s.ValidationMetric is double vm) text += FormattableString.Invariant($", validation {metricName} {vm:F4}");
        return text + FormattableString.Invariant($", lr {s.LearningRate:G4}, {s.Elapsed.TotalSeconds:F1}s");
    }
}
