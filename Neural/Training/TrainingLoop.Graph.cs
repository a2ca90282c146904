namespace MLExt.Neural;

public static partial class TrainingLoop
{
    /// <summary>
    /// Trains a built <paramref name="graph"/> on <paramref name="training"/> (a column per graph input and per loss
    /// target, by name), validating after each epoch on <paramref name="validation"/> when given, with the built-in
    /// step (gradients of <paramref name="objective"/>, one update by <see cref="TrainingSettings.Optimizer"/>) or the
    /// user's <paramref name="step"/>. <see cref="TrainingOptions.Loss"/> is not used (the objective holds the losses);
    /// with a custom step, <see cref="TrainingSettings.Optimizer"/> is not needed either (the step lists its own).
    /// The validation metric is computed on the output of the objective's first loss.
    /// </summary>
    /// <returns>The per-epoch history.</returns>
    /// <exception cref="ArgumentException">A graph input or loss target has no column, or a column's shape differs from
    /// the input's; the training set is empty.</exception>
    /// <exception cref="TrainingDivergedException">The loss or a weight became NaN or infinite.</exception>
    /// <exception cref="OperationCanceledException">The options' token was cancelled.</exception>
    public static TrainingHistory Fit(ModelGraph graph, GraphData training, GraphData? validation, GraphObjective objective,
        TrainingOptions options, RandomSource random, TrainingStep? step = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(random);
        options.Validate(requireLoss: false, requireOptimizer: step is null);
        if (step is not null && step.Optimizers is null) throw new ArgumentException("The training step's Optimizers must " +
            "not be null.", nameof(step));
        CheckData(graph, objective, training, nameof(training));
        if (validation is not null) CheckData(graph, objective, validation, nameof(validation));
        return Run(new LoopRun(graph, objective, options, random, step ?? new StandardTrainingStep(options.Optimizer), BuiltIn: step is null,
            graph.Describe(), Sequential: false), training, validation);
    }

    /// <summary>Runs the graph in inference mode over all rows; returns every output over the whole data set, in
    /// <see cref="ModelGraph.Outputs"/> order.</summary>
    /// <exception cref="ArgumentException">A graph input has no column of its shape.</exception>
    public static IReadOnlyList<Tensor> Predict(ModelGraph graph, GraphData data, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        foreach (var input in graph.Inputs) CheckColumn(data, input.Name, input.Shape, "data", $"graph input '{input.Name}'");
        int n = data.Count;
        var predictions = graph.Outputs.Select(o => new Tensor(Tensor.BatchShape(n, o.Shape))).ToArray();
        var columns = graph.Inputs.Select(i => data.IndexOf(i.Name)).ToArray();
        var inputs = graph.Inputs.Select(i => new Tensor(Tensor.BatchShape(0, i.Shape))).ToArray();
        var rows = new int[Math.Min(batchSize, n)];
        for (int start = 0; start < n; start += batchSize)
        {
            int count = Math.Min(batchSize, n - start);
            for (int i = 0; i < count; i++) rows[i] = start + i;
            for (int i = 0; i < inputs.Length; i++) data.Gather(columns[i], rows.AsSpan(0, count), inputs[i]);
            var outputs = graph.Forward(inputs, training: false);
            for (int o = 0; o < outputs.Count; o++)
            {
                int size = Tensor.Product(graph.Outputs[o].Shape);
                outputs[o].Span.CopyTo(predictions[o].Data.AsSpan(start * size, count * size));
            }
        }
        return predictions;
    }

    private static void CheckData(ModelGraph graph, GraphObjective objective, GraphData data, string name)
    {
        foreach (var input in graph.Inputs) CheckColumn(data, input.Name, input.Shape, name, $"graph input '{input.Name}'");
        foreach (var loss in objective.Losses)
            if (!data.Contains(loss.Target))
                throw new ArgumentException(
                    $"The loss of output '{loss.Output}' needs target column '{loss.Target}', which the {name} data does " +
                        $"not have. Columns: {string.Join(", ", data.Names.Select(c => $"'{c}'"))}.", name);
    }

    private static void CheckColumn(GraphData data, string column, int[] shape, string name, string what)
    {
        if (!data.Contains(column))
            throw new ArgumentException(
                $"The {what} {Tensor.FormatShape(shape)} needs a column '{column}', which the {name} data does not have. " +
                    $"Columns: {string.Join(", ", data.Names.Select(c => $"'{c}'"))}.", name);
        if (!Tensor.SameShape(data.ShapeOf(column), shape))
            throw new ArgumentException($"The {what} takes rows of shape {Tensor.FormatShape(shape)} but the {name} " +
                $"column '{column}' has rows of shape {Tensor.FormatShape(data.ShapeOf(column))}.", name);
    }
}
