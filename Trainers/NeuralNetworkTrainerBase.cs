using MLExt.Neural;
using Microsoft.ML;
using Microsoft.ML.Runtime;

namespace MLExt.Trainers;

/// <summary>
/// The shared <c>Fit</c> of MLExt's neural-network trainers: validate the options, read the data,
/// build a fresh network (the option's hidden layers plus the task's output layer), train it with
/// <see cref="TrainingLoop"/>, and return a <see cref="NeuralNetworkTransformer"/>.
/// </summary>
/// <typeparam name="TOptions">The trainer's options type.</typeparam>
public abstract class NeuralNetworkTrainerBase<TOptions> : IEstimator<NeuralNetworkTransformer>
    where TOptions : NeuralNetworkOptions
{
    private readonly IHostEnvironment? _environment;

    private protected NeuralNetworkTrainerBase(IHostEnvironment? environment, TOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _environment = environment;
        TrainerOptions = options;
    }

    /// <summary>The options this trainer was created with.</summary>
    public TOptions TrainerOptions { get; }

    /// <summary>The task's output head for this label column (validates the label type).</summary>
    private protected abstract PredictionHead CreateHead(DataViewSchema.Column label);

    /// <summary>The input shape plus the task's output columns.</summary>
    private protected abstract SchemaShape AddOutputColumns(SchemaShape input, SchemaShape.Column label);

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">A column is missing or of the wrong type (named).</exception>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        if (TrainerOptions.Graph is null) SchemaShapes.CheckFeatures(inputSchema, TrainerOptions.FeatureColumnName);
        else
            foreach (var (graphInput, column) in TrainerOptions.GraphInputColumns)
                SchemaShapes.CheckGraphInput(inputSchema, column, graphInput);
        var label = SchemaShapes.Find(inputSchema, TrainerOptions.LabelColumnName, "Label", "labelColumnName");
        return AddOutputColumns(inputSchema, label);
    }

    /// <summary>The column a vector output (multiclass <c>Score</c>) is shaped after in <see cref="GetOutputSchema"/>.</summary>
    private protected string VectorColumnName =>
        TrainerOptions.Graph is null ? TrainerOptions.FeatureColumnName : TrainerOptions.GraphInputColumns.Values.First();

    /// <summary>Trains a network (or the options' model graph) on <paramref name="input"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (its name is the parameter name).</exception>
    /// <exception cref="ArgumentException">A column is missing or of the wrong type, a feature is not finite, there are no rows, or <see cref="NeuralNetworkOptions.InputShape"/> does not fit the features (the message gives both sizes).</exception>
    /// <exception cref="InvalidOperationException">A label is missing or out of range.</exception>
    /// <exception cref="TrainingDivergedException">Training produced NaN or infinite values.</exception>
    /// <exception cref="OperationCanceledException">The options' token was cancelled.</exception>
    public NeuralNetworkTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var options = TrainerOptions;
        options.Validate();
        var labelColumn = TrainingDataReader.LabelColumn(input.Schema, options.LabelColumnName);
        var head = CreateHead(labelColumn);
        var trainingOptions = CreateTrainingOptions(head);

        var host = _environment?.Register("NeuralNetwork");
        int seed = options.Seed ?? host?.Rand.Next() ?? 0;
        var random = new RandomSource(seed);
        if (options.Graph is not null) return FitGraph(input, head, trainingOptions, host, random);
        var featureShape = FeatureShapes.Resolve(options.InputShape, TrainingDataReader.FeatureColumn(input.Schema, options.FeatureColumnName));
        CheckBeforeReading(input, labelColumn, head);
        var training = TrainingDataReader.Read(input, options.FeatureColumnName, options.LabelColumnName, head, "training", options.CancellationToken).Reshape(featureShape);
        TrainingSet? validation = null;
        if (options.ValidationData is not null)
            validation = TrainingDataReader.Read(options.ValidationData, options.FeatureColumnName, options.LabelColumnName, head, "validation", options.CancellationToken).Reshape(featureShape);
        training = AddTargets(input, training, head);
        if (validation is not null) validation = AddTargets(options.ValidationData!, validation, head);
        else if (options.ValidationFraction > 0)
        {
            if (training.Count < 2)
                throw new ArgumentException($"ValidationFraction {options.ValidationFraction} needs at least 2 training rows, got {training.Count}.", nameof(NeuralNetworkOptions.ValidationFraction));
            (training, validation) = TrainingDataReader.Split(training, options.ValidationFraction, random.Fork());
        }

        using var channel = host?.Start("Training");
        // Regression fits its label scaling on the training rows here; the loss and metric then report in the label's units.
        head.PrepareTargets(training.Targets, validation?.Targets, warning => channel?.Warning(MessageSensitivity.None, warning));
        trainingOptions.Loss = head.CreateLoss();
        trainingOptions.Metric = head.CreateMetric();

        var network = new Network(FeatureShapes.Assemble(options.Layers, new Dense(head.Units), featureShape));
        network.Build(training.FeatureShape, random.Fork());

        if (channel is not null)
        {
            channel.Info(MessageSensitivity.None, $"Training a {head.Task} network of {network.ParameterCount:N0} parameters on {training.Count} rows" +
                (validation is null ? "" : $", validating on {validation.Count}") + ".");
            trainingOptions.Log = line => channel.Info(MessageSensitivity.None, line);
        }
        var history = Train(network, training, validation, trainingOptions, random.Fork());
        return new NeuralNetworkTransformer(network, head, options.FeatureColumnName, history);
    }

    /// <summary>Checks what the trainer needs besides the label and features, from the schema, before any data is read.</summary>
    private protected virtual void CheckBeforeReading(IDataView input, DataViewSchema.Column label, PredictionHead head) { }

    /// <summary>The rows' targets as training uses them (the head's targets by default; distillation appends the
    /// teacher's logits). Runs before the validation split, on the data the rows were read from.</summary>
    private protected virtual TrainingSet AddTargets(IDataView data, TrainingSet rows, PredictionHead head) => rows;

    /// <summary>Trains the built network (the engine's loop on the head's loss by default).</summary>
    private protected virtual TrainingHistory Train(Network network, TrainingSet training, TrainingSet? validation, TrainingOptions options,
        RandomSource random) => TrainingLoop.Fit(network, training, validation, options, random);

    // The graph's columns and output are checked against the data before any row is read.
    private NeuralNetworkTransformer FitGraph(IDataView input, PredictionHead head, TrainingOptions trainingOptions, IHost? host, RandomSource random)
    {
        var options = TrainerOptions;
        var columns = GraphColumns.Resolve(input.Schema, options.GraphInputColumns, "training");
        if (options.ValidationData is not null)
            GraphColumns.CheckSameWidths(columns, GraphColumns.Resolve(options.ValidationData.Schema, options.GraphInputColumns, "validation"));
        var shapes = new GraphShapes(columns.ToDictionary(c => c.Input, c => c.Shape), head.Units, head.Task);
        var design = options.Graph!(shapes)
            ?? throw new ArgumentException($"{nameof(NeuralNetworkOptions.Graph)} returned null; return the GraphBuilder describing the graph.", nameof(NeuralNetworkOptions.Graph));
        var graph = design.Build(random.Fork());
        var (bindings, output) = GraphColumns.Bind(graph, columns, options.GraphOutputName, head.Units, head.Task);

        var (trainingColumns, trainingTargets) = TrainingDataReader.Read(input, bindings, options.LabelColumnName, head, "training", options.CancellationToken);
        float[][]? validationColumns = null;
        float[]? validationTargets = null;
        if (options.ValidationData is not null)
            (validationColumns, validationTargets) = TrainingDataReader.Read(options.ValidationData, bindings, options.LabelColumnName, head, "validation", options.CancellationToken);
        else if (options.ValidationFraction > 0)
        {
            int count = trainingTargets.Length / head.Units;
            if (count < 2)
                throw new ArgumentException($"ValidationFraction {options.ValidationFraction} needs at least 2 training rows, got {count}.", nameof(NeuralNetworkOptions.ValidationFraction));
            var (trainingRows, validationRows) = TrainingDataReader.SplitRows(count, options.ValidationFraction, random.Fork());
            validationColumns = trainingColumns.Select((values, i) => TrainingDataReader.TakeRows(values, bindings[i].Size, validationRows)).ToArray();
            validationTargets = TrainingDataReader.TakeRows(trainingTargets, head.Units, validationRows);
            trainingColumns = trainingColumns.Select((values, i) => TrainingDataReader.TakeRows(values, bindings[i].Size, trainingRows)).ToArray();
            trainingTargets = TrainingDataReader.TakeRows(trainingTargets, head.Units, trainingRows);
        }

        using var channel = host?.Start("Training");
        head.PrepareTargets(trainingTargets, validationTargets, warning => channel?.Warning(MessageSensitivity.None, warning));
        trainingOptions.Loss = head.CreateLoss();
        trainingOptions.Metric = head.CreateMetric();
        var objective = new GraphObjective(graph, new OutputLoss(graph.Outputs[output].Name, trainingOptions.Loss, target: TargetColumn));
        GraphData Data(float[][] values, float[] targets)
        {
            var data = new GraphData();
            for (int i = 0; i < bindings.Length; i++) data.Add(bindings[i].Input, values[i], bindings[i].Shape);
            return data.Add(TargetColumn, targets, head.Units);
        }
        var training = Data(trainingColumns, trainingTargets);
        var validation = validationColumns is null ? null : Data(validationColumns, validationTargets!);
        if (channel is not null)
        {
            channel.Info(MessageSensitivity.None, $"Training a {head.Task} model graph of {graph.ParameterCount:N0} parameters on {training.Count} rows" +
                (validation is null ? "" : $", validating on {validation.Count}") + ".");
            trainingOptions.Log = line => channel.Info(MessageSensitivity.None, line);
        }
        var history = TrainingLoop.Fit(graph, training, validation, objective, trainingOptions, random.Fork());
        return new NeuralNetworkTransformer(graph, bindings, output, head, history);
    }

    // The targets' column in the graph's training data; a name no graph input can take by accident.
    private const string TargetColumn = "MLExt.Target";

    private TrainingOptions CreateTrainingOptions(PredictionHead head)
    {
        var options = TrainerOptions;
        var training = new TrainingOptions { Loss = head.CreateLoss(), Metric = head.CreateMetric() };
        options.CopySettingsTo(training);
        training.Optimizer = options.Optimizer.CloneSettings();
        if (options.ResumeFromCheckpoint && File.Exists(options.CheckpointPath))
            training.ResumeFrom = TrainingCheckpoint.Load(options.CheckpointPath!);
        training.Validate();
        return training;
    }
}
