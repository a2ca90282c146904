using Microsoft.ML;

namespace MLExt.Trainers;

/// <summary>Makes MLExt's saved-model components known to an <see cref="MLContext"/>.</summary>
public static class MLExtRegistration
{
    /// <summary>
    /// Registers MLExt's assembly with <paramref name="mlContext"/>'s component catalog, so that
    /// <c>mlContext.Model.Load</c> finds the stateless adapters inside saved MLExt models (ML.NET's
    /// <c>CustomMapping</c> contracts <c>MLExt.*</c>). Call it once before loading. Nothing else of MLExt
    /// needs to run to score a loaded model: the network itself is an ONNX graph run by ML.NET's OnnxTransformer.
    /// </summary>
    public static MLContext RegisterMLExt(this MLContext mlContext)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        mlContext.ComponentCatalog.RegisterAssembly(typeof(MLExtRegistration).Assembly);
        return mlContext;
    }
}
