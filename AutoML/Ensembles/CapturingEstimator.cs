using Microsoft.ML;

namespace MLExt.AutoML;

/// <summary>An estimator that hands each model it fits to a callback: how a trial keeps its fold models for their held-out predictions.</summary>
internal sealed class CapturingEstimator(IEstimator<ITransformer> inner, Action<ITransformer> fitted) : IEstimator<ITransformer>
{
    public ITransformer Fit(IDataView input)
    {
        var model = inner.Fit(input);
        fitted(model);
        return model;
    }

    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => inner.GetOutputSchema(inputSchema);
}
