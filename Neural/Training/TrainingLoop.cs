using System.Diagnostics;
using System.Globalization;

namespace MLExt.Neural;

/// <summary>
/// Minibatch gradient descent over a <see cref="TrainingSet"/>: shuffle (seeded), forward, loss,
/// backward, penalties, clipping, optimiser step; per-epoch validation, history, early stopping and
/// progress. Same network initialisation, data and seed give the same result.
/// </summary>
public static partial class TrainingLoop
{
    private const int ProgressReportsPerEpoch = 20;

    // The column name a network's targets get when it trains as a graph.
    private const string TargetColumn = "target";

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
        // The chain trains as the one-input, one-output graph it is, through the graph loop below.
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(random);
        options.Validate();
        CheckFits(network, training, nameof(training));
        if (validation is not null) CheckFits(network, validation, nameof(validation));

        var graph = network.Graph;
        var objective = new GraphObjective(graph, new OutputLoss(Network.OutputName, options.Loss, target: TargetColumn));
        return Run(new LoopRun(graph, objective, options, random, new StandardTrainingStep(options.Optimizer), BuiltIn: true,
            TrainingCheckpoint.Describe(network), Sequential: true),
            GraphData.From(training, Network.InputName, TargetColumn), validation is null ? null : GraphData.From(validation, Network.InputName, TargetColumn));
    }

    // Records an improvement of the monitored value (by the metric's direction, else lower is better), or
    // counts an epoch without one and sets StoppedEarly after Patience of them.
    private static void UpdateEarlyStopping(TrainingLoopState state, EarlyStopping stopping, double monitored, ValidationMetric? metric,
        ModelGraph network, int epoch, int numberOfEpochs)
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
        network.ZeroGradients();
        var prediction = network.Forward(x, training: true);
        float loss = options.Loss.Forward(prediction, y);
        if (!float.IsFinite(loss)) throw LossDiverged(loss, epoch, batch, learningRate);
        network.BackwardParametersOnly(options.Loss.Backward());
        learningRate = ApplyUpdate(network.TrainableParameters, network.Layers, options, options.Optimizer, epoch, batch);
        return loss;
    }

    /// <summary>The error for a training loss that became NaN or infinite, naming the epoch, batch and learning rate.</summary>
    internal static TrainingDivergedException LossDiverged(float loss, int epoch, int batch, float learningRate) => new(
        $"The training loss became {loss} at epoch {epoch + 1}, batch {batch + 1}. " +
        $"Lower the learning rate (now {learningRate.ToString(CultureInfo.InvariantCulture)}), clip gradients, or scale the features.");

    /// <summary>
    /// Penalties, clipping, the scheduled learning rate, one optimiser step on <paramref name="parameters"/> and the
    /// check that the weights stayed finite; returns the learning rate used. Allocates nothing.
    /// </summary>
    internal static float ApplyUpdate(IReadOnlyList<Parameter> parameters, IReadOnlyList<Layer> layers, TrainingOptions options,
        Optimizer optimizer, int epoch, int batch)
    {
        if (options.L1Regularization > 0 || options.L2Regularization > 0)
            WeightPenalty.AddGradients(parameters, options.L1Regularization, options.L2Regularization);
        if (options.GradientClipValue is float limit) GradientClipping.ClipByValue(parameters, limit);
        // Clipping by global norm scales the gradients inside the optimiser's pass rather than rewriting them.
        float gradientScale = options.EffectiveGradientClipNorm(layers) is float maxNorm
            ? GradientClipping.Scale(Math.Sqrt(optimizer.GradientSumOfSquares(parameters)), maxNorm) : 1f;

        float learningRate = optimizer.Schedule?.GetLearningRate(optimizer.LearningRate, optimizer.StepCount, epoch)
            ?? optimizer.LearningRate;
        int diverged = optimizer.Step(parameters, learningRate, gradientScale);
        if (diverged >= 0) throw Diverged(parameters[diverged], epoch, batch);
        return learningRate;
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
