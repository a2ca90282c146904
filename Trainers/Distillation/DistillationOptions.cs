using System.Runtime.CompilerServices;
using MLExt.Neural;
using Microsoft.ML;

namespace MLExt.Trainers;

/// <summary>
/// Knowledge distillation for <see cref="NeuralNetworkMulticlassTrainer"/>: the student network trains on
/// α·CE(y, s) + (1 − α)·T²·KL(softmax(t/T) ‖ softmax(s/T)) (<see cref="DistillationLoss"/>), where t are the
/// <see cref="Teacher"/>'s class scores for the same rows. The teacher is any fitted ML.NET transformer that outputs a
/// vector of class scores (an MLExt network, LightGbm, a model loaded from a zip); its scores are computed once per
/// data view and cached, never per epoch.
/// </summary>
public sealed class DistillationOptions
{
    private ITransformer? _teacher;

    /// <summary>The teacher: a fitted transformer whose output has <see cref="TeacherScoreColumnName"/>, one value per
    /// class of the label, in the label's key order.</summary>
    public ITransformer? Teacher
    {
        get => _teacher;
        set
        {
            _teacher = value;
            Cache.Clear();
        }
    }

    /// <summary>The temperature T (&gt; 0; default 4). Higher values soften the teacher's distribution.</summary>
    public float Temperature { get; set; } = 4f;

    /// <summary>The weight α in [0, 1] of the hard (label) term (default 0.1: Hinton et al. found a small weight on
    /// the labels best).</summary>
    public float Alpha { get; set; } = 0.1f;

    /// <summary>The teacher's score column (default <c>Score</c>).</summary>
    public string TeacherScoreColumnName { get; set; } = ColumnNames.Score;

    /// <summary>
    /// Whether the teacher's scores are logits. False (the default) reads them as class probabilities, which is what
    /// ML.NET's multiclass <c>Score</c> is, and uses log p (floored at 1e-12) as logits: softmax(log p / T) is then
    /// exactly the teacher's distribution at temperature T. True uses the scores as they are.
    /// </summary>
    public bool TeacherScoresAreLogits { get; set; }

    /// <summary>The teacher's logits per scored data view.</summary>
    internal ConditionalWeakTable<IDataView, float[]> Cache { get; } = [];

    /// <summary>Checks the settings, naming them as <c>Distillation.X</c> (or as <paramref name="userName"/> maps them).</summary>
    /// <exception cref="ArgumentException">No teacher or an empty column name.</exception>
    /// <exception cref="SettingOutOfRangeException">T or α out of range.</exception>
    internal void Validate(Func<string, string?>? userName)
    {
        string Name(string property) => userName?.Invoke($"Distillation.{property}") ?? $"Distillation.{property}";
        if (Teacher is null) throw new ArgumentException($"{Name(nameof(Teacher))} must be a fitted transformer.", Name(nameof(Teacher)));
        SettingCheck.Positive(Temperature, Name(nameof(Temperature)));
        SettingCheck.Require(Alpha is >= 0f and <= 1f, Name(nameof(Alpha)), Alpha, "a number in [0, 1]");
        if (string.IsNullOrWhiteSpace(TeacherScoreColumnName))
            throw new ArgumentException($"{Name(nameof(TeacherScoreColumnName))} must name a column.", Name(nameof(TeacherScoreColumnName)));
    }
}
