using Google.Protobuf;
using MLExt.IO;
using MLExt.Neural;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExt.Trainers;

/// <summary>
/// What a <see cref="NeuralNetworkTransformer"/> writes into an ML.NET model zip: a chain of ML.NET
/// built-ins only. ML.NET's <c>OnnxTransformer</c> holds the network as an ONNX graph (its bytes are stored
/// in the zip) and outputs vector columns; MLExt's stateless <c>CustomMapping</c> adapters and built-in
/// value mappings turn those into the head's standard columns (types, key values, slot names).
/// </summary>
internal static class SavedModel
{
    /// <summary>
    /// The built-in chain equivalent to <paramref name="model"/>, holding an ONNX Runtime session and a temporary copy
    /// of the graph; dispose it after use, which closes the session and deletes the copy.
    /// </summary>
    /// <remarks>
    /// ML.NET's <c>ApplyOnnxModel(Stream)</c> copies the graph to a temporary file it never deletes (its
    /// <c>OnnxModel.CreateFromStream</c> does not own the file); so MLExt writes the copy itself, readable by this
    /// user only, in <see cref="PrivateTempFolder"/>, hands ML.NET the path, and deletes the file on dispose.
    /// </remarks>
    public static SavedModelChain Build(NeuralNetworkTransformer model)
    {
        var ml = new MLContext(seed: 0) { TempFilePath = PrivateTempFolder.Path };
        var (proto, outputs) = ModelOnnxExporter.ForMLNet(model);
        string graph = PrivateOnnxFile.Write(proto);
        try
        {
            var onnx = ml.Transforms.ApplyOnnxModel(outputs, model.Bindings.Select(b => b.Column).ToArray(), graph);
            var estimator = new EstimatorChain<ITransformer>().Append(onnx).Append(model.Head.CreateColumnAdapters(ml));
            var columns = model.Bindings.Select(b => (b.Column, (DataViewType)new VectorDataViewType(NumberDataViewType.Single, b.Size)));
            return new SavedModelChain(estimator.Fit(new EmptyColumns(columns)), graph);
        }
        catch
        {
            File.Delete(graph);
            throw;
        }
    }
}
