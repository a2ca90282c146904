using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExt.Trainers;

/// <summary>The built-in chain of a saved network and the temporary ONNX file it reads; disposing closes and deletes both.</summary>
/// <param name="Chain">The chain ML.NET saves: OnnxTransformer, then the column adapters.</param>
/// <param name="GraphFile">The temporary copy of the graph (the OnnxTransformer reads it again when saving).</param>
internal sealed record SavedModelChain(TransformerChain<ITransformer> Chain, string GraphFile) : IDisposable
{
    /// <inheritdoc/>
    public void Dispose()
    {
        Chain.Dispose();
        File.Delete(GraphFile);
    }
}
