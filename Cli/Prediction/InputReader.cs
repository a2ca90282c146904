using Microsoft.ML;
using Microsoft.ML.Data;
using MLExt.Cli.Data;

namespace MLExt.Cli.Prediction;

/// <summary>Reads a CSV/TSV file's columns, by header name, as the model's input columns.</summary>
internal static class InputReader
{
    /// <summary>
    /// A TextLoader reading every input column of <paramref name="inputSchema"/> that the file has (a column
    /// <c>X.input</c> is also found as <c>X</c>, the name <c>mlext train</c> renames); others are left out,
    /// and scoring fails naming them if the model reads them.
    /// </summary>
    /// <returns>The data and the input columns the file lacks.</returns>
    public static (IDataView Data, IReadOnlyList<string> Missing) Load(MLContext mlContext, DelimitedFile file, DataViewSchema inputSchema)
    {
        var columns = new List<TextLoader.Column>();
        var missing = new List<string>();
        foreach (var column in inputSchema.Where(c => !c.IsHidden))
        {
            var profile = Find(file, column.Name);
            if (profile is null)
            {
                missing.Add(column.Name);
                continue;
            }
            columns.Add(new TextLoader.Column(column.Name, Kind(column), profile.Index));
        }
        var loader = mlContext.Data.CreateTextLoader(new TextLoader.Options
        {
            Separators = [file.Separator],
            HasHeader = true,
            AllowQuoting = true,
            ReadMultilines = true,
            MissingRealsAsNaNs = true, // an empty cell is missing, as in training, not 0
            Columns = [.. columns],
        });
        return (loader.Load(file.Path), missing);
    }

    /// <summary>
    /// What becomes of the file's empty and unreadable cells in the numeric columns the model reads: one note per column that
    /// has any (the model's missing-value replacement fills them). A column with no number at all is a <see cref="UserException"/>.
    /// </summary>
    public static List<string> CheckNumbers(DelimitedFile file, DataViewSchema inputSchema)
    {
        var notes = new List<string>();
        foreach (var column in inputSchema.Where(c => !c.IsHidden && c.Type is NumberDataViewType))
        {
            if (Find(file, column.Name) is not { } profile)
                continue;
            if (profile.Values > 0 && profile.BadCells == profile.Values)
                throw new UserException($"--data: column '{profile.Name}' of {file.Path} holds no number (line {profile.FirstNonNumericLine}: " +
                    $"'{profile.FirstNonNumeric}'), but the model reads numbers from it");
            if (profile.MissingSummary is { Length: > 0 } summary)
                notes.Add($"column '{profile.Name}': {summary}; the model replaces them by the training mean");
        }
        return notes;
    }

    /// <summary>The file's column for the model's input column <paramref name="name"/> (<c>X.input</c> is also found as <c>X</c>).</summary>
    public static ColumnProfile? Find(DelimitedFile file, string name) =>
        file.Find(name) ?? (name.EndsWith(".input", StringComparison.Ordinal) ? file.Find(name[..^".input".Length]) : null);

    private static DataKind Kind(DataViewSchema.Column column) => column.Type switch
    {
        NumberDataViewType n when n == NumberDataViewType.Single => DataKind.Single,
        NumberDataViewType n when n == NumberDataViewType.Double => DataKind.Double,
        NumberDataViewType n when n == NumberDataViewType.Int32 => DataKind.Int32,
        NumberDataViewType n when n == NumberDataViewType.Int64 => DataKind.Int64,
        BooleanDataViewType => DataKind.Boolean,
        TextDataViewType => DataKind.String,
        _ => throw new UserException($"--model: input column '{column.Name}' has type {column.Type}; predict reads numbers, Booleans and text, one file column per model column"),
    };
}
