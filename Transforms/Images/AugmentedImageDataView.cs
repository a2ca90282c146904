using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExt.Transforms;

/// <summary>
/// The view returned by <c>AugmentImages</c>: each input row followed by its augmented copies (the original first
/// when kept). Every column passes through except the image column, whose copies are made on demand from a seed
/// derived from the options' seed, the input row's position and the copy number — so any cursor sees the same images.
/// </summary>
internal sealed class AugmentedImageDataView : AugmentingDataView
{
    private readonly ImageAugmenter _augmenter;
    private readonly ImageAugmentationOptions _options;

    public AugmentedImageDataView(IDataView input, DataViewSchema.Column image, ImageAugmentationOptions options)
        : base(input, image, options.CopiesPerImage + (options.KeepOriginals ? 1 : 0))
    {
        _augmenter = new ImageAugmenter(options);
        _options = options.Clone();
    }

    public override DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new AugmentedImageCursor(this, Input.GetRowCursor(columnsNeeded), Column.Index);

    /// <summary>The image of output copy <paramref name="copy"/> of input row <paramref name="row"/> (copy 0 is the original when kept).</summary>
    public MLImage Make(MLImage source, long row, int copy)
    {
        if (_options.KeepOriginals && copy == 0)
            return MLImage.CreateFromPixels(source.Width, source.Height, source.PixelFormat, source.Pixels);
        return _augmenter.Augment(source, AugmentationSeed.Mix(_options.Seed, row, copy));
    }
}
