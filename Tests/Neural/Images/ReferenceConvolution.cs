using MLExt.Neural;

namespace MLExt.Tests.Neural.Images;

/// <summary>
/// Convolution written straight from its definition, in double, for checking the im2col + GEMM and direct
/// kernels: y[n, f, oy, ox] = b[f] + Σ_{c in f's group, ky, kx} W[f, c, ky, kx] · x[n, c, oy·s − pt + ky·d, ox·s − pl + kx·d].
/// </summary>
internal static class ReferenceConvolution
{
    public static float[] Compute(Tensor x, float[] kernel, float[]? bias, int filters, int groups,
        (int H, int W) k, (int H, int W) stride, (int H, int W) dilation, (int Top, int Left) pad, (int H, int W) output)
    {
        int n = x.Shape[0], channels = x.Shape[1], height = x.Shape[2], width = x.Shape[3];
        int perGroup = channels / groups, filtersPerGroup = filters / groups;
        var y = new float[n * filters * output.H * output.W];
        for (int s = 0; s < n; s++)
            for (int f = 0; f < filters; f++)
                for (int oy = 0; oy < output.H; oy++)
                    for (int ox = 0; ox < output.W; ox++)
                    {
                        double sum = bias?[f] ?? 0;
                        int group = f / filtersPerGroup;
                        for (int c = 0; c < perGroup; c++)
                            for (int ky = 0; ky < k.H; ky++)
                                for (int kx = 0; kx < k.W; kx++)
                                {
                                    int iy = oy * stride.H - pad.Top + ky * dilation.H, ix = ox * stride.W - pad.Left + kx * dilation.W;
                                    if (iy < 0 || iy >= height || ix < 0 || ix >= width) continue;
                                    int channel = group * perGroup + c;
                                    sum += (double)kernel[((f * perGroup + c) * k.H + ky) * k.W + kx] * x[((s * channels + channel) * height + iy) * width + ix];
                                }
                        y[((s * filters + f) * output.H + oy) * output.W + ox] = (float)sum;
                    }
        return y;
    }
}
