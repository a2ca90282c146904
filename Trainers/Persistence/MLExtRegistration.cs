using Microsoft.ML;
using MLExt.IO;

namespace MLExt.Trainers;

/// <summary>Makes MLExt's saved-model components known to an <see cref="MLContext"/>.</summary>
public static class MLExtRegistration
{
    /// <summary>
    /// Registers MLExt's assembly with <paramref name="mlContext"/>'s component catalog, so that
    /// <c>mlContext.Model.Load</c> finds the stateless adapters inside saved MLExt models (ML.NET's
    /// <c>CustomMapping</c> contracts <c>MLExt.*</c>). Call it once before loading. Nothing else of MLExt
    /// needs to run to score a loaded model: the network itself is an ONNX graph run by ML.NET's OnnxTransformer.
    /// It also points <see cref="MLContext.TempFilePath"/> at MLExt's <see cref="PrivateTempFolder"/>: ML.NET writes
    /// the network of a model it loads to a temporary file there (readable by this user only, deleted when the model
    /// is disposed or the process exits) instead of the shared system temporary folder.
    /// </summary>
    /// <remarks>
    /// ML.NET 5.0.1 also stores the adapters' assembly name in the zip and loads that assembly itself when the
    /// application can resolve it (MLExt.Trainers.dll deployed beside it), so loading may work without this call;
    /// registering is ML.NET's documented route for custom mappings and does not depend on that. Without MLExt's
    /// assembly, loading fails with ML.NET's error naming the missing contract or assembly.
    /// </remarks>
    public static MLContext RegisterMLExt(this MLContext mlContext)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        mlContext.ComponentCatalog.RegisterAssembly(typeof(MLExtRegistration).Assembly);
        mlContext.TempFilePath = PrivateTempFolder.Path;
        return mlContext;
    }
}
