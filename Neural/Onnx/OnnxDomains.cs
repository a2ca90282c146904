namespace MLExt.Neural.Onnx;

/// <summary>Operator set domains.</summary>
internal static class OnnxDomains
{
    /// <summary>The standard ONNX operators.</summary>
    public const string Standard = "";

    /// <summary>The ONNX-ML operators (LabelEncoder and friends).</summary>
    public const string ML = "ai.onnx.ml";
}
