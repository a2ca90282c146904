namespace MLExt.Neural;

/// <summary>How <see cref="Upsampling2D"/> fills the new pixels.</summary>
public enum UpsamplingInterpolation
{
    /// <summary>Each output pixel copies the input pixel it falls in (ONNX Resize nearest, asymmetric, floor).</summary>
    Nearest,

    /// <summary>
    /// Each output pixel mixes the two nearest input rows and columns by distance, sampled at pixel centres and clamped
    /// at the border (ONNX Resize linear, half_pixel; PyTorch's bilinear with align_corners=False, Keras's bilinear).
    /// </summary>
    Bilinear,
}
