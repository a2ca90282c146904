using MLExt.Evaluation;

namespace MLExt.AutoML;

/// <summary>
/// The search space an <see cref="Experiment"/> uses unless given one: MLExt's networks and ML.NET's SDCA, L-BFGS, FastTree and
/// LightGbm under one <see cref="Trainer"/> choice, each with its own (conditional) parameters. <see cref="TrialEstimators"/> builds them.
/// </summary>
/// <remarks>
/// Network (<c>Trainer = network</c>): <c>nn.HiddenLayers</c> 1–3, then <c>nn.Width1</c>… one width per layer (16–256, log), each
/// active only when the layer exists; <c>nn.Activation</c> relu|tanh|gelu|leakyrelu; <c>nn.Optimizer</c> adam|adamw|sgd|rmsprop with
/// <c>nn.LearningRate</c> (1e-4–0.1, log); <c>nn.Schedule</c> none|cosine|step|exponential; <c>nn.BatchSize</c> 16–256 (log);
/// <c>nn.Dropout</c> 0–0.5 after each hidden layer; <c>nn.L2</c> 1e-6–1e-2 (log); <c>nn.Epochs</c> from the minimum to the maximum
/// epochs (a multi-fidelity tuner's budget replaces it). ML.NET: <c>sdca.L2</c>; <c>lbfgs.L1</c>, <c>lbfgs.L2</c>; FastTree and LightGbm
/// <c>.Leaves</c>, <c>.Trees</c>, <c>.LearningRate</c>, <c>.MinLeaf</c>. <c>lbfgs</c> is L-BFGS logistic regression or maximum entropy
/// (classification); ML.NET's only L-BFGS regression is Poisson, which needs labels ≥ 0, so it is named <c>lbfgs-poisson</c> and
/// searched only when asked for (<c>lbfgs-poisson.L1</c>, <c>lbfgs-poisson.L2</c>); SDCA is the linear regression (least squares).
/// </remarks>
public static class DefaultSearchSpace
{
    /// <summary>The name of the trainer choice.</summary>
    public const string Trainer = "Trainer";

    /// <summary>The choice of <see cref="Trainer"/> for an MLExt network.</summary>
    public const string Network = "network";

    /// <summary>The L-BFGS Poisson regression, offered for regression when named (labels ≥ 0) but not searched by default.</summary>
    public const string PoissonRegression = "lbfgs-poisson";

    /// <summary>The most hidden layers a network of the default space has.</summary>
    public const int MaxHiddenLayers = 3;

    /// <summary>The trainers of the default space for <paramref name="task"/>, network first.</summary>
    public static IReadOnlyList<string> Trainers(EvaluationTask task) => task == EvaluationTask.Regression
        ? [Network, "sdca", "fasttree", "lightgbm"]
        : [Network, "sdca", "lbfgs", "fasttree", "lightgbm"];

    /// <summary>The default space for <paramref name="task"/>, with network epochs in [<paramref name="minEpochs"/>, <paramref name="maxEpochs"/>].</summary>
    /// <param name="task">The task, which decides the trainers offered.</param>
    /// <param name="minEpochs">The fewest epochs of a network trial (≥ 1).</param>
    /// <param name="maxEpochs">The most epochs of a network trial (≥ <paramref name="minEpochs"/>).</param>
    /// <param name="trainers">A subset of <see cref="Trainers"/> to search, or null for all of them.</param>
    /// <exception cref="ArgumentException">An unknown trainer, or an empty list.</exception>
    public static SearchSpace Create(EvaluationTask task, int minEpochs = 1, int maxEpochs = 20, IReadOnlyList<string>? trainers = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minEpochs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEpochs, minEpochs);
        var offered = Trainers(task);
        var chosen = trainers ?? offered;
        if (chosen.Count == 0)
            throw new ArgumentException("At least one trainer is needed.", nameof(trainers));
        foreach (var t in chosen)
        {
            if (task == EvaluationTask.Regression && t == "lbfgs")
                throw new ArgumentException("Trainer 'lbfgs' is L-BFGS logistic regression or maximum entropy, for classification; for regression " +
                    $"use sdca (least-squares linear regression) or {PoissonRegression} (Poisson regression, labels ≥ 0).", nameof(trainers));
            if (!offered.Contains(t) && !(task == EvaluationTask.Regression && t == PoissonRegression))
                throw new ArgumentException($"Unknown trainer '{t}' for {task}; expected one of {string.Join(", ", offered)}" +
                    (task == EvaluationTask.Regression ? $" or {PoissonRegression}." : "."), nameof(trainers));
        }
        var space = new SearchSpace().Choice(Trainer, chosen.ToArray());
        if (chosen.Contains(Network))
            space.When(Trainer, Network, s => NetworkSpace(s, minEpochs, maxEpochs));
        if (chosen.Contains("sdca"))
            space.When(Trainer, "sdca", s => s.Float("sdca.L2", 1e-6, 1, log: true, defaultValue: 1e-3));
        foreach (var lbfgs in new[] { "lbfgs", PoissonRegression })
            if (chosen.Contains(lbfgs))
                space.When(Trainer, lbfgs, s => s
                    .Float($"{lbfgs}.L1", 1e-4, 10, log: true, defaultValue: 1)
                    .Float($"{lbfgs}.L2", 1e-4, 10, log: true, defaultValue: 1));
        foreach (var trees in new[] { "fasttree", "lightgbm" })
            if (chosen.Contains(trees))
                space.When(Trainer, trees, s => s
                    .Int($"{trees}.Leaves", 4, 128, log: true, defaultValue: 20)
                    .Int($"{trees}.Trees", 10, 300, log: true, defaultValue: 100)
                    .Float($"{trees}.LearningRate", 0.01, 0.5, log: true, defaultValue: 0.1)
                    .Int($"{trees}.MinLeaf", 2, 50, log: true, defaultValue: 10));
        return space;
    }

    /// <summary>The network-only space (no trainer choice): what <see cref="Create"/> puts under <c>Trainer = network</c>.</summary>
    public static SearchSpace NetworkOnly(int minEpochs = 1, int maxEpochs = 20) => NetworkSpace(new SearchSpace(), minEpochs, maxEpochs);

    private static SearchSpace NetworkSpace(SearchSpace s, int minEpochs, int maxEpochs)
    {
        s.Int("nn.HiddenLayers", 1, MaxHiddenLayers, defaultValue: 2);
        for (int layer = 1; layer <= MaxHiddenLayers; layer++)
        {
            int index = layer;
            s.When("nn.HiddenLayers", v => v >= index, c => c.Int($"nn.Width{index}", 16, 256, log: true, defaultValue: 64), $"nn.HiddenLayers ≥ {index}");
        }
        s.Choice("nn.Activation", "relu", "tanh", "gelu", "leakyrelu")
            .Choice("nn.Optimizer", "adam", "adamw", "sgd", "rmsprop")
            .Float("nn.LearningRate", 1e-4, 1e-1, log: true, defaultValue: 1e-3)
            .Choice("nn.Schedule", "none", "cosine", "step", "exponential")
            .Int("nn.BatchSize", 16, 256, log: true, defaultValue: 32)
            .Float("nn.Dropout", 0, 0.5, defaultValue: 0)
            .Float("nn.L2", 1e-6, 1e-2, log: true, defaultValue: 1e-5);
        if (maxEpochs > minEpochs)
            s.Int("nn.Epochs", minEpochs, maxEpochs, defaultValue: maxEpochs);
        return s;
    }
}
