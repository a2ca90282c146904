using MLExt.IO;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLExt.Neural;

namespace MLExt.Cli.Training;

/// <summary>
/// The model zip <c>mlext train --save</c> writes: the fitted pipeline without the label conversion (so
/// that files to score need no label column), plus a <c>PredictedClass</c> column holding the predicted
/// class as it is spelt in the data. Its input schema is the loader's columns less the label.
/// </summary>
internal static class ModelFile
{
    /// <summary>The text column with the predicted class (classification models only).</summary>
    public const string PredictedClassColumn = "PredictedClass";

    /// <summary>Writes the model zip to <paramref name="path"/> through a temporary file renamed into place.</summary>
    public static void Save(MLContext mlContext, ITransformer model, TabularDataset data, IDataView trainSet, string path)
    {
        var inputSchema = new DataViewSchema.Builder();
        foreach (var column in trainSet.Schema.Where(c => !c.IsHidden && c.Name != TabularDataset.LabelColumn))
            inputSchema.AddColumn(column.Name, column.Type, column.Annotations);
        var input = inputSchema.ToSchema();

        // Keep each transformer that works without the label; the ones that need it convert the label.
        var kept = new List<ITransformer>();
        var schema = input;
        foreach (var transformer in Flatten(model))
        {
            try
            {
                schema = transformer.GetOutputSchema(schema);
                kept.Add(transformer);
            }
            catch (ArgumentException) when (ReadsTheLabel(transformer, trainSet.Schema, kept))
            {
            }
        }
        var chain = new TransformerChain<ITransformer>([.. kept]);
        IEstimator<ITransformer>? className = data.Task switch
        {
            TaskKind.Binary => mlContext.Transforms.Conversion.MapValue(PredictedClassColumn,
                [new KeyValuePair<bool, string>(false, data.Binary!.Negative), new KeyValuePair<bool, string>(true, data.Binary.Positive)], "PredictedLabel"),
            TaskKind.Multiclass => mlContext.Transforms.Conversion.MapKeyToValue(PredictedClassColumn, "PredictedLabel"),
            _ => null,
        };
        if (className is not null) chain = chain.Append(className.Fit(chain.Transform(trainSet)));

        AtomicFile.Write(path, stream => mlContext.Model.Save(chain, input, stream));
    }

    /// <summary>The transformers of a (possibly nested) chain, in order.</summary>
    public static IEnumerable<ITransformer> Flatten(ITransformer model) =>
        model is IEnumerable<ITransformer> chain ? chain.SelectMany(Flatten) : [model];

    // Whether the transformer, which fails without the label, works after the kept ones when the label is there.
    private static bool ReadsTheLabel(ITransformer transformer, DataViewSchema withLabel, IEnumerable<ITransformer> kept)
    {
        var schema = kept.Aggregate(withLabel, (current, t) => t.GetOutputSchema(current));
        transformer.GetOutputSchema(schema);
        return true;
    }
}
