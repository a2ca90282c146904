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
    /// <summary>The built-in chain equivalent to <paramref name="model"/>; dispose it after use (it holds an ONNX Runtime session).</summary>
    public static TransformerChain<ITransformer> Build(NeuralNetworkTransformer model)
    {
        // ML.NET writes the graph to a temporary file: into the private folder, readable by this user only.
        var ml = new MLContext(seed: 0) { TempFilePath = PrivateTempFolder.Path };
        var (proto, outputs) = ModelOnnxExporter.ForMLNet(model);
        var onnx = ml.Transforms.ApplyOnnxModel(outputs, [model.FeatureColumnName], new MemoryStream(proto.ToByteArray()));
        var estimator = new EstimatorChain<ITransformer>().Append(onnx).Append(model.Head.CreateColumnAdapters(ml));
        var chain = estimator.Fit(EmptyFeatures(ml, model.FeatureColumnName, Tensor.Product(model.Network.InputShape)));
        PrivateTempFolder.RestrictFiles();
        return chain;
    }

    // A data view with no rows and one column: the features, as the network reads them.
    private static IDataView EmptyFeatures(MLContext ml, string name, int size)
    {
        var definition = SchemaDefinition.Create(typeof(FeatureRow));
        definition[0].ColumnName = name;
        definition[0].ColumnType = new VectorDataViewType(NumberDataViewType.Single, size);
        return ml.Data.LoadFromEnumerable(new List<FeatureRow>(), definition);
    }

    private sealed class FeatureRow
    {
        public float[] Features { get; set; } = [];
    }
}
