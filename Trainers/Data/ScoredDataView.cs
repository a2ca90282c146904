using Microsoft.ML;

namespace MLExt.Trainers;

/// <summary>The lazily computed view of an <see cref="IAppendingMapper"/>: <see cref="NeuralNetworkTransformer.Transform"/>
/// scores, the explanation transformer adds attributions.</summary>
internal sealed class ScoredDataView : IDataView
{
    private readonly IDataView _input;
    private readonly IAppendingMapper _mapper;

    public ScoredDataView(IDataView input, IAppendingMapper mapper)
    {
        _input = input;
        _mapper = mapper;
    }

    public bool CanShuffle => _input.CanShuffle;

    public DataViewSchema Schema => _mapper.OutputSchema;

    public long? GetRowCount() => _input.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var active = columnsNeeded.ToArray();
        var inputCursor = _input.GetRowCursor(_mapper.GetDependencies(active), rand);
        return new ScoredCursor(inputCursor, _mapper, active.Select(c => c.Index));
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null)
    {
        var active = columnsNeeded.ToArray();
        return _input.GetRowCursorSet(_mapper.GetDependencies(active), n, rand)
            .Select(c => (DataViewRowCursor)new ScoredCursor(c, _mapper, active.Select(col => col.Index)))
            .ToArray();
    }
}
