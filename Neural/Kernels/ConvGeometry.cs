namespace MLExt.Neural.Kernels;

/// <summary>
/// The index arithmetic of a 2-D sliding window over one [channels, height, width] image: output row
/// oy and kernel row ky read input row iy = oy·strideH − padTop + ky·dilationH (columns alike); rows and
/// columns outside the image read zero.
/// </summary>
internal readonly record struct ConvGeometry(
    int Channels, int Height, int Width,
    int KernelHeight, int KernelWidth,
    int StrideHeight, int StrideWidth,
    int DilationHeight, int DilationWidth,
    int PadTop, int PadLeft,
    int OutputHeight, int OutputWidth)
{
    /// <summary>Values in one input channel (H·W).</summary>
    public int InputPlane => Height * Width;

    /// <summary>Values in one output channel (OH·OW).</summary>
    public int OutputPlane => OutputHeight * OutputWidth;

    /// <summary>Positions in the window (KH·KW).</summary>
    public int KernelArea => KernelHeight * KernelWidth;

    /// <summary>Resolves the padding and output size for an input [channels, height, width].</summary>
    /// <exception cref="ArgumentException">The window does not fit; the message names <paramref name="layer"/> and the sizes.</exception>
    public static ConvGeometry Create(string layer, int channels, int height, int width,
        Size2D kernel, Size2D stride, Size2D dilation, Padding padding)
    {
        int windowH = (kernel.Height - 1) * dilation.Height + 1, windowW = (kernel.Width - 1) * dilation.Width + 1;
        var (top, bottom) = padding.Resolve(height, windowH, stride.Height, vertical: true);
        var (left, right) = padding.Resolve(width, windowW, stride.Width, vertical: false);
        int paddedH = height + top + bottom, paddedW = width + left + right;
        if (paddedH < windowH || paddedW < windowW)
            throw new ArgumentException(
                $"{layer}: a {windowH}×{windowW} window (kernel {kernel}, dilation {dilation}) does not fit a {height}×{width} image with padding '{padding}' (padded {paddedH}×{paddedW}).");
        return new ConvGeometry(channels, height, width, kernel.Height, kernel.Width, stride.Height, stride.Width,
            dilation.Height, dilation.Width, top, left,
            (paddedH - windowH) / stride.Height + 1, (paddedW - windowW) / stride.Width + 1);
    }

    /// <summary>The input row read by output row <paramref name="oy"/> at kernel row <paramref name="ky"/>.</summary>
    public int InputRow(int oy, int ky) => oy * StrideHeight - PadTop + ky * DilationHeight;

    /// <summary>
    /// The output columns [<c>Start</c>, <c>End</c>) whose input column ox·strideW − padLeft + kx·dilationW
    /// lies inside the image, for kernel column <paramref name="kx"/>; the others read padding.
    /// </summary>
    public (int Start, int End) ValidColumns(int kx)
    {
        int offset = kx * DilationWidth - PadLeft; // ix = ox·s + offset
        int start = offset >= 0 ? 0 : (-offset + StrideWidth - 1) / StrideWidth;
        int end = Width - offset <= 0 ? 0 : (Width - offset - 1) / StrideWidth + 1;
        end = Math.Min(end, OutputWidth);
        return (Math.Min(start, end), end);
    }

    /// <summary>The input column read by output column <paramref name="ox"/> at kernel column <paramref name="kx"/>.</summary>
    public int InputColumn(int ox, int kx) => ox * StrideWidth - PadLeft + kx * DilationWidth;
}
