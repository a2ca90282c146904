using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExt.Trainers;

/// <summary>
/// Explains a fitted model's predictions (<c>mlContext.Transforms.ExplainPredictions(model)</c>): fitting checks the
/// model holds an MLExt network, the baseline's width and the target, and returns an
/// <see cref="ExplainPredictionsTransformer"/> that scores rows with the model and adds their attributions.
/// </summary>
public sealed class ExplainPredictionsEstimator : IEstimator<ExplainPredictionsTransformer>
{
    private readonly ITransformer _model;

    internal ExplainPredictionsEstimator(ITransformer model, ExplainPredictionsOptions options)
    {
        _model = model;
        Options = options;
    }

    /// <summary>The settings.</summary>
    public ExplainPredictionsOptions Options { get; }

    /// <summary>The input's columns, then the two attribution columns (the model's own output columns are added by
    /// <see cref="ExplainPredictionsTransformer.GetOutputSchema"/>, which knows the input's vector sizes).</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var shape = SchemaShapes.AddSingleVector(inputSchema, Options.OutputColumnName);
        return SchemaShapes.AddSingleVector(shape, Options.ColumnAttributionColumnName);
    }

    /// <summary>Checks the model and the options against <paramref name="input"/> and returns the explaining transformer.</summary>
    /// <exception cref="InvalidOperationException">The model holds no MLExt network (permutation importance still works
    /// for it).</exception>
    /// <exception cref="ArgumentException">A column the model reads is missing, the baseline's width differs from the
    /// feature column's, or the target is not an output of the network; the message names the option.</exception>
    public ExplainPredictionsTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var options = Options;
        var network = options.Network ?? SavedNetwork.Find(_model)
            ?? throw new InvalidOperationException("The model holds no MLExt neural network, so its predictions cannot be " +
                "explained by gradients or occlusion here. Permutation importance works for any model: " +
                "MLExt.Evaluation.PermutationImportance.Compute (or mlext explain, which reports it).");
        options.Attribution.Validate();
        int width = Neural.Tensor.Product(network.Network.InputShape);
        if (options.Baseline is { } baseline && baseline.Length != width)
            throw new ArgumentException($"{nameof(ExplainPredictionsOptions.Baseline)} has {baseline.Length} values but the " +
                $"network reads {width} features from column '{network.FeatureColumnName}'.", nameof(ExplainPredictionsOptions.Baseline));
        int outputs = Neural.Tensor.Product(network.Network.OutputShape);
        if (options.Target is { } target && (target < 0 || target >= outputs))
            throw new ArgumentOutOfRangeException(nameof(ExplainPredictionsOptions.Target), target,
                $"{nameof(ExplainPredictionsOptions.Target)} must be an output of the network, from 0 to {outputs - 1}.");
        var transformer = new ExplainPredictionsTransformer(_model, network, options);
        transformer.GetOutputSchema(input.Schema);
        return transformer;
    }
}
