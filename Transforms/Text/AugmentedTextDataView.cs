using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExt.Transforms;

/// <summary>
/// The view returned by <c>AugmentText</c>: each input row followed by its augmented copies (the original first when
/// kept). Every column passes through except the text column, whose copies are made on demand from a seed derived from
/// the options' seed, the input row's position and the copy number — so any cursor sees the same texts.
/// </summary>
internal sealed class AugmentedTextDataView : AugmentingDataView
{
    private readonly TextAugmenter _augmenter;
    private readonly TextAugmentationOptions _options;

    public AugmentedTextDataView(IDataView input, DataViewSchema.Column text, TextAugmentationOptions options)
        : base(input, text, options.CopiesPerText + (options.KeepOriginals ? 1 : 0))
    {
        _augmenter = new TextAugmenter(options);
        _options = options.Clone();
    }

    public override DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new AugmentedTextCursor(this, Input.GetRowCursor(columnsNeeded), Column.Index);

    /// <summary>The text of output copy <paramref name="copy"/> of input row <paramref name="row"/> (copy 0 is the original when kept).</summary>
    public ReadOnlyMemory<char> Make(ReadOnlyMemory<char> source, long row, int copy) =>
        _options.KeepOriginals && copy == 0 ? source : _augmenter.Augment(source.ToString(), AugmentationSeed.Mix(_options.Seed, row, copy)).AsMemory();
}
