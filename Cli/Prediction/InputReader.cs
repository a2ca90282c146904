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
            var profile = file.Find(column.Name) ?? (column.Name.EndsWith(".input", StringComparison.Ordinal) ? file.Find(column.Name[..^".input".Length]) : null);
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
            Columns = [.. columns],
        });
        return (loader.Load(file.Path), missing);
    }

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
