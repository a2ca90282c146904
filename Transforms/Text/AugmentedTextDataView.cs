using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExt.Transforms;

/// <summary>
/// The view returned by <c>AugmentText</c>: each input row followed by its augmented copies (the original first when
/// kept). Every column passes through except the text column, whose copies are made on demand from a seed derived from
/// the options' seed, the input row's position and the copy number — so any cursor sees the same texts.
/// </summary>
internal sealed class AugmentedTextDataView : IDataView
{
    private readonly IDataView _input;
    private readonly DataViewSchema.Column _text;
    private readonly TextAugmenter _augmenter;
    private readonly TextAugmentationOptions _options;

    public AugmentedTextDataView(IDataView input, DataViewSchema.Column text, TextAugmentationOptions options)
    {
        _input = input;
        _text = text;
        _augmenter = new TextAugmenter(options);
        _options = options.Clone();
    }

    /// <summary>Output rows per input row.</summary>
    public int RowsPerInput => _options.CopiesPerText + (_options.KeepOriginals ? 1 : 0);

    public bool CanShuffle => false;

    public DataViewSchema Schema => _input.Schema;

    public long? GetRowCount() => _input.GetRowCount() * RowsPerInput;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new AugmentedTextCursor(this, _input.GetRowCursor(columnsNeeded), _text.Index);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    /// <summary>The text of output copy <paramref name="copy"/> of input row <paramref name="row"/> (copy 0 is the original when kept).</summary>
    public ReadOnlyMemory<char> Make(ReadOnlyMemory<char> source, long row, int copy) =>
        _options.KeepOriginals && copy == 0 ? source : _augmenter.Augment(source.ToString(), AugmentationSeed.Mix(_options.Seed, row, copy)).AsMemory();
}
