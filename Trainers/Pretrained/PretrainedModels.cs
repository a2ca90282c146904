using MLExt.Neural;

namespace MLExt.Trainers;

/// <summary>
/// Pretrained trunks read from ONNX files that NuGet packages ship (no download at run time). ResNet-18 comes from
/// <c>Microsoft.ML.DnnImageFeaturizer.ResNet18</c> (MIT): its build props copy <c>DnnImageModels/ResNet18Onnx/
/// ResNet18.onnx</c> and the preprocessing graph <c>DnnImageModels/ResNetPrepOnnx/ResNetPreprocess.onnx</c> next to the
/// application's assemblies. The two are joined as ML.NET's own <c>DnnFeaturizeImage</c> joins them.
/// </summary>
public static class PretrainedModels
{
    /// <summary>The side of the square images ResNet-18 takes (its input and mean image are 224 × 224).</summary>
    public const int ResNet18ImageSize = 224;

    /// <summary>The features ResNet-18 computes per image: the 512 channels of its last average pooling.</summary>
    public const int ResNet18Features = 512;

    /// <summary>The name of the first node of ResNet-18's last residual block (the default node to fine-tune from).</summary>
    public const string ResNet18LastBlock = "Convolution381";

    /// <summary>The trunk's ONNX file, as the package's props place it beside the assemblies.</summary>
    public static string ResNet18File => Path.Combine(AppContext.BaseDirectory, "DnnImageModels", "ResNet18Onnx", "ResNet18.onnx");

    /// <summary>The package's preprocessing graph: RGB planes to BGR, minus the ImageNet mean image.</summary>
    public static string ResNet18PreprocessingFile => Path.Combine(AppContext.BaseDirectory, "DnnImageModels", "ResNetPrepOnnx", "ResNetPreprocess.onnx");

    /// <summary>
    /// ResNet-18 (CNTK's ImageNet model) as a built graph with its weights: input <c>[3, 224, 224]</c> red, green and blue
    /// planes with values in [0, 255] (ML.NET's <c>ExtractPixels</c> with its defaults), the package's preprocessing
    /// (BGR order, mean image subtracted), then the trunk; output <c>[512, 1, 1]</c> features.
    /// </summary>
    /// <param name="options">Part of the trunk and a head (see <see cref="OnnxImportOptions"/>); null: all of it.</param>
    /// <exception cref="FileNotFoundException">The package's files are not beside the assemblies.</exception>
    public static ModelGraph ResNet18(OnnxImportOptions? options = null)
    {
        foreach (var file in new[] { ResNet18PreprocessingFile, ResNet18File })
            if (!File.Exists(file))
                throw new FileNotFoundException($"ResNet-18's ONNX file '{file}' is missing; reference the NuGet package " +
                    "Microsoft.ML.DnnImageFeaturizer.ResNet18 (its props copy the file to the output folder).", file);
        return OnnxImport.ReadGraph([ResNet18PreprocessingFile, ResNet18File], options ?? new OnnxImportOptions());
    }
}
