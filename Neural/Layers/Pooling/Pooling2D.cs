using MLExt.Neural.Kernels;

namespace MLExt.Neural;

/// <summary>
/// What max and average pooling share: a window sliding over each channel of an image
/// [channels, height, width] with a stride (the window size by default) and padding. Padded positions are
/// left out of the window, never read as values.
/// </summary>
public abstract class Pooling2D : Layer
{
    private protected ConvGeometry Geometry;

    private protected Pooling2D(Size2D poolSize, Size2D? stride, Padding? padding)
    {
        PoolSize = poolSize.CheckPositive(nameof(poolSize));
        Stride = (stride ?? poolSize).CheckPositive(nameof(stride));
        Padding = padding ?? Padding.Valid;
    }

    /// <summary>Window height and width.</summary>
    public Size2D PoolSize { get; }

    /// <summary>Step between windows.</summary>
    public Size2D Stride { get; }

    /// <summary>Border handling.</summary>
    public Padding Padding { get; }

    /// <summary>Padding rows above and columns left of the image, resolved at build (for export).</summary>
    public (int Top, int Left) ResolvedPadding => (Geometry.PadTop, Geometry.PadLeft);

    /// <inheritdoc/>
    protected override int[] OnBuild(int[] inputShape, RandomSource random)
    {
        var (channels, height, width) = ImageInput.Dimensions(TypeName, inputShape);
        Geometry = ConvGeometry.Create(TypeName, channels, height, width, PoolSize, Stride, 1, Padding);
        var g = Geometry;
        Windows = new (int, int, int, int)[g.OutputPlane];
        for (int oy = 0; oy < g.OutputHeight; oy++)
            for (int ox = 0; ox < g.OutputWidth; ox++)
            {
                int y0 = g.InputRow(oy, 0), x0 = g.InputColumn(ox, 0);
                Windows[oy * g.OutputWidth + ox] = (Math.Max(y0, 0), Math.Min(y0 + g.KernelHeight, g.Height), Math.Max(x0, 0), Math.Min(x0 + g.KernelWidth, g.Width));
            }
        return [channels, Geometry.OutputHeight, Geometry.OutputWidth];
    }

    /// <summary>Per output position oy·OW + ox of a channel: its window's input rows [Y0, Y1) and columns [X0, X1), clipped to the image.</summary>
    private protected (int Y0, int Y1, int X0, int X1)[] Windows { get; private set; } = [];

    /// <inheritdoc/>
    public override LayerConfig GetConfig() => new LayerConfig(TypeName)
        .Set("poolSize", PoolSize.ToArray()).Set("stride", Stride.ToArray()).Set("padding", Padding.ToString());

    private protected static (Size2D PoolSize, Size2D Stride, Padding Padding) ReadConfig(LayerConfig config) =>
        (Size2D.FromArray(config.GetInts("poolSize")), Size2D.FromArray(config.GetInts("stride")), Padding.Parse(config.GetString("padding")));
}
