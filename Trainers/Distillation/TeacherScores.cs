using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExt.Trainers;

/// <summary>Checks a teacher against the label and computes its logits, once per data view.</summary>
internal static class TeacherScores
{
    // log p for p below this would be −∞ or dominated by rounding; 1e-12 is far below any probability that matters.
    private const float ProbabilityFloor = 1e-12f;

    /// <summary>
    /// Checks, from schemas alone, that the teacher scores <paramref name="schema"/> with a vector of one value per
    /// class of <paramref name="label"/>, in the label's key order when both name their classes.
    /// </summary>
    /// <exception cref="ArgumentException">The message names the teacher's column and the label column.</exception>
    public static void Check(DistillationOptions options, DataViewSchema schema, DataViewSchema.Column label, int classes)
    {
        DataViewSchema output;
        try
        {
            output = options.Teacher!.GetOutputSchema(schema);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or KeyNotFoundException)
        {
            throw new ArgumentException($"Distillation.Teacher cannot score this data: {e.Message}", "Distillation.Teacher", e);
        }
        string name = options.TeacherScoreColumnName;
        var column = output.GetColumnOrNull(name) ?? throw new ArgumentException(
            $"Distillation.Teacher outputs no column '{name}' (Distillation.TeacherScoreColumnName). Its columns: " +
                $"{string.Join(", ", output.Where(c => !c.IsHidden).Select(c => $"'{c.Name}'"))}.", "Distillation.TeacherScoreColumnName");
        if (column.Type is not VectorDataViewType { ItemType: var item, Size: var size } || item != NumberDataViewType.Single)
            throw new ArgumentException($"The teacher's column '{name}' is {column.Type}; distillation needs a vector of " +
                $"Single class scores.", "Distillation.TeacherScoreColumnName");
        if (size != classes)
            throw new ArgumentException($"The teacher's score column '{name}' has {(size == 0 ? "a variable number of" : size)} " +
                $"values per row, but label column '{label.Name}' has {classes} classes: the teacher must score the same " +
                $"classes.", "Distillation.Teacher");
        var labelNames = KeyValueNames.Get(label, classes);
        var slotNames = SlotNames(column, classes);
        if (labelNames is not null && slotNames is not null && !labelNames.SequenceEqual(slotNames))
        {
            int at = Enumerable.Range(0, classes).First(i => labelNames[i] != slotNames[i]);
            throw new ArgumentException($"The teacher's score column '{name}' orders its classes differently from label " +
                $"column '{label.Name}': slot {at} is '{slotNames[at]}' there and '{labelNames[at]}' here. Map the label " +
                $"with the teacher's key mapping.", "Distillation.Teacher");
        }
    }

    /// <summary>The teacher's logits for every row of <paramref name="data"/>, <c>[rows, classes]</c>, computed once per
    /// data view (cached in the options).</summary>
    /// <exception cref="ArgumentException">Scores that are not probabilities when read as such (row named).</exception>
    public static float[] Logits(DistillationOptions options, IDataView data, CancellationToken cancellation)
    {
        if (options.Cache.TryGetValue(data, out var cached)) return cached;
        var scored = options.Teacher!.Transform(data);
        var column = scored.Schema[options.TeacherScoreColumnName];
        var logits = new List<float>();
        using (var cursor = scored.GetRowCursor([column]))
        {
            var getter = cursor.GetGetter<VBuffer<float>>(column);
            VBuffer<float> buffer = default;
            long row = 0;
            while (cursor.MoveNext())
            {
                cancellation.ThrowIfCancellationRequested();
                getter(ref buffer);
                var values = buffer.DenseValues().ToArray();
                if (!options.TeacherScoresAreLogits) CheckProbabilities(values, row, options.TeacherScoreColumnName);
                foreach (float v in values)
                    logits.Add(options.TeacherScoresAreLogits ? v : MathF.Log(MathF.Max(v, ProbabilityFloor)));
                row++;
            }
        }
        var result = logits.ToArray();
        options.Cache.AddOrUpdate(data, result);
        return result;
    }

    private static void CheckProbabilities(float[] values, long row, string column)
    {
        double sum = 0;
        foreach (float v in values)
        {
            if (!(v >= 0f && v <= 1.0001f)) throw NotProbabilities(column, row, $"has {v.ToString("R", CultureInfo.InvariantCulture)}");
            sum += v;
        }
        if (Math.Abs(sum - 1) > 1e-3) throw NotProbabilities(column, row, $"sums to {sum.ToString("G6", CultureInfo.InvariantCulture)}");
    }

    private static ArgumentException NotProbabilities(string column, long row, string what) => new(
        $"The teacher's score column '{column}' at row {row + 1} {what}: not class probabilities. Set " +
            $"Distillation.TeacherScoresAreLogits when the teacher outputs logits.", "Distillation.TeacherScoresAreLogits");

    private static string[]? SlotNames(DataViewSchema.Column column, int count)
    {
        if (column.Annotations.Schema.GetColumnOrNull("SlotNames") is not { Type: VectorDataViewType { Size: var size } } || size != count)
            return null;
        VBuffer<ReadOnlyMemory<char>> names = default;
        column.Annotations.GetValue("SlotNames", ref names);
        return names.DenseValues().Select(n => n.ToString()).ToArray();
    }
}
