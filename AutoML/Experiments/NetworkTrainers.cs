using Microsoft.ML;
using MLExt.Evaluation;
using MLExt.Neural;
using MLExt.Trainers;

namespace MLExt.AutoML;

/// <summary>Builds an MLExt network trainer from the <c>nn.*</c> parameters of <see cref="DefaultSearchSpace"/>.</summary>
public static class NetworkTrainers
{
    /// <summary>The network trainer of the task, wired into the trial through <see cref="TrialContext.Configure"/>.</summary>
    /// <exception cref="ArgumentException">A parameter has an unknown value.</exception>
    public static IEstimator<ITransformer> Create(MLContext ml, Parameters parameters, TrialContext context, ExperimentOptions options)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        return options.Task switch
        {
            EvaluationTask.BinaryClassification => ml.BinaryClassification.Trainers.NeuralNetwork(context.Configure(Apply(new NeuralNetworkBinaryTrainer.Options(), parameters, context, options))),
            EvaluationTask.MulticlassClassification => ml.MulticlassClassification.Trainers.NeuralNetwork(context.Configure(Apply(new NeuralNetworkMulticlassTrainer.Options(), parameters, context, options))),
            _ => ml.Regression.Trainers.NeuralNetwork(context.Configure(Apply(new NeuralNetworkRegressionTrainer.Options(), parameters, context, options))),
        };
    }

    /// <summary>Sets layers, activation, optimiser, learning rate and schedule, batch size, dropout, L2 and epochs on <paramref name="target"/>.</summary>
    public static T Apply<T>(T target, Parameters p, TrialContext context, ExperimentOptions options) where T : NeuralNetworkOptions
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(options);
        int epochs = context.Budget ?? (p.Contains("nn.Epochs") ? p.GetInt32("nn.Epochs") : options.MaxEpochs);
        var activation = p.GetString("nn.Activation") switch
        {
            "relu" => Activation.Relu,
            "tanh" => Activation.Tanh,
            "gelu" => Activation.Gelu,
            "leakyrelu" => Activation.LeakyRelu,
            var other => throw new ArgumentException($"nn.Activation: unknown activation '{other}'; expected relu, tanh, gelu or leakyrelu.", nameof(p)),
        };
        float dropout = p.Contains("nn.Dropout") ? (float)p.GetDouble("nn.Dropout") : 0;
        target.Layers.Clear();
        int layers = p.GetInt32("nn.HiddenLayers");
        for (int i = 1; i <= layers; i++)
        {
            target.Layers.Add(Layer.Dense(p.GetInt32($"nn.Width{i}"), activation));
            if (dropout > 0)
                target.Layers.Add(Layer.Dropout(dropout));
        }
        Optimizer optimizer = p.GetString("nn.Optimizer") switch
        {
            "adam" => new AdamOptimizer(),
            "adamw" => new AdamWOptimizer(),
            "sgd" => new SgdOptimizer { Momentum = 0.9f },
            "rmsprop" => new RmsPropOptimizer(),
            var other => throw new ArgumentException($"nn.Optimizer: unknown optimiser '{other}'; expected adam, adamw, sgd or rmsprop.", nameof(p)),
        };
        optimizer.LearningRate = (float)p.GetDouble("nn.LearningRate");
        optimizer.Schedule = (p.Contains("nn.Schedule") ? p.GetString("nn.Schedule") : "none") switch
        {
            "none" => null,
            "cosine" => new CosineAnnealing { TotalEpochs = epochs },
            "step" => new StepDecay { StepSize = Math.Max(1, epochs / 3), Gamma = 0.3f },
            "exponential" => new ExponentialDecay { Gamma = 0.9f },
            var other => throw new ArgumentException($"nn.Schedule: unknown schedule '{other}'; expected none, cosine, step or exponential.", nameof(p)),
        };
        target.Optimizer = optimizer;
        target.NumberOfEpochs = epochs;
        target.BatchSize = p.Contains("nn.BatchSize") ? p.GetInt32("nn.BatchSize") : 32;
        target.L2Regularization = p.Contains("nn.L2") ? (float)p.GetDouble("nn.L2") : 0;
        target.LabelColumnName = options.LabelColumnName;
        target.FeatureColumnName = options.FeatureColumnName;
        return target;
    }
}
