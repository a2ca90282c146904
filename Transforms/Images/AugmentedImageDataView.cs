using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExt.Transforms;

/// <summary>
/// The view returned by <c>AugmentImages</c>: each input row followed by its augmented copies (the original first
/// when kept). Every column passes through except the image column, whose copies are made on demand from a seed
/// derived from the options' seed, the input row's position and the copy number — so any cursor sees the same images.
/// </summary>
internal sealed class AugmentedImageDataView : IDataView
{
    private readonly IDataView _input;
    private readonly DataViewSchema.Column _image;
    private readonly ImageAugmenter _augmenter;
    private readonly ImageAugmentationOptions _options;

    public AugmentedImageDataView(IDataView input, DataViewSchema.Column image, ImageAugmentationOptions options)
    {
        _input = input;
        _image = image;
        _augmenter = new ImageAugmenter(options);
        _options = options.Clone();
    }

    /// <summary>Output rows per input row.</summary>
    public int RowsPerInput => _options.CopiesPerImage + (_options.KeepOriginals ? 1 : 0);

    public bool CanShuffle => false;

    public DataViewSchema Schema => _input.Schema;

    public long? GetRowCount() => _input.GetRowCount() * RowsPerInput;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new AugmentedImageCursor(this, _input.GetRowCursor(columnsNeeded), _image.Index);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    /// <summary>The image of output copy <paramref name="copy"/> of input row <paramref name="row"/> (copy 0 is the original when kept).</summary>
    public MLImage Make(MLImage source, long row, int copy)
    {
        if (_options.KeepOriginals && copy == 0)
            return MLImage.CreateFromPixels(source.Width, source.Height, source.PixelFormat, source.Pixels);
        return _augmenter.Augment(source, AugmentationSeed.Mix(_options.Seed, row, copy));
    }
}
