using MLExt.Neural;
using MLExt.Trainers;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExt.Tests.Trainers;

/// <summary>The multiclass trainer's <see cref="DistillationOptions"/>: a student learning from a teacher's scores.</summary>
public sealed class DistillationTrainerTests
{
    private readonly MLContext _ml = new(seed: 1);

    /// <summary>Counts how often the teacher is asked to score data.</summary>
    private sealed class CountingTeacher(ITransformer inner) : ITransformer
    {
        public int Transforms;
        public bool IsRowToRowMapper => inner.IsRowToRowMapper;
        public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => inner.GetOutputSchema(inputSchema);
        public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => inner.GetRowToRowMapper(inputSchema);
        public void Save(ModelSaveContext ctx) => throw new NotSupportedException();
        public IDataView Transform(IDataView input)
        {
            Transforms++;
            return inner.Transform(input);
        }
    }

    private sealed class ValueRow
    {
        public float Value { get; set; }
    }

    private sealed class RawScores
    {
        [VectorType(3)]
        public float[] Score { get; set; } = [];
    }

    private ITransformer Teacher(IDataView data) => TrainerFactory.Multiclass(_ml, o => o.NumberOfEpochs = 5).Fit(data);

    private NeuralNetworkMulticlassTrainer Student(ITransformer teacher, Action<DistillationOptions>? change = null) =>
        TrainerFactory.Multiclass(_ml, o =>
        {
            o.NumberOfEpochs = 5;
            o.Distillation = new DistillationOptions { Teacher = teacher, Temperature = 3f, Alpha = 0.2f };
            change?.Invoke(o.Distillation);
        });

    [Fact]
    public void Conforms()
    {
        var data = SyntheticData.Multiclass(_ml, 300, 1);
        var teacher = Teacher(data);
        EstimatorConformance.Check(() => Student(teacher), data, ["Score", "PredictedLabel"]);
    }

    [Fact]
    public void TheStudentLearnsAndTheTeacherScoresEachViewOnce()
    {
        var train = SyntheticData.Multiclass(_ml, 600, 1);
        var test = SyntheticData.Multiclass(_ml, 300, 2);
        var teacher = new CountingTeacher(Teacher(train));
        var trainer = Student(teacher, d => d.Alpha = 0f); // the teacher's scores alone
        var model = trainer.Fit(train);
        trainer.Fit(train);
        Assert.Equal(1, teacher.Transforms);
        var metrics = _ml.MulticlassClassification.Evaluate(model.Transform(test));
        Assert.True(metrics.MicroAccuracy > 0.85, $"accuracy {metrics.MicroAccuracy}");
    }

    [Fact]
    public void ValidationReportsAccuracyOnTheLabels()
    {
        var train = SyntheticData.Multiclass(_ml, 600, 1);
        var trainer = Student(Teacher(train));
        trainer.TrainerOptions.ValidationFraction = 0.2f;
        var history = trainer.Fit(train).History;
        Assert.Equal("accuracy", history.MetricName);
        Assert.True(history.Epochs[^1].ValidationMetric > 0.8, $"validation accuracy {history.Epochs[^1].ValidationMetric}");
    }

    [Fact]
    public void ATeacherOfAnotherWidthIsAnErrorNamingTheColumnBeforeTraining()
    {
        var data = SyntheticData.Multiclass(_ml, 60, 1);
        // A "teacher" whose Score has 2 values per row for a label of 3 classes.
        var narrow = _ml.Transforms.Concatenate("Score", "Value", "Value").Fit(data);
        var trainer = Student(narrow);
        trainer.TrainerOptions.NumberOfEpochs = 100_000; // an error after training would time the test out
        var e = Assert.Throws<ArgumentException>(() => trainer.Fit(data));
        Assert.Contains("'Score'", e.Message);
        Assert.Contains("'Label' has 3 classes", e.Message);

        var missing = Student(narrow, d => d.TeacherScoreColumnName = "Logits");
        Assert.Contains("'Logits'", Assert.Throws<ArgumentException>(() => missing.Fit(data)).Message);
        var none = TrainerFactory.Multiclass(_ml, o => o.Distillation = new DistillationOptions());
        Assert.Contains("Distillation.Teacher", Assert.Throws<ArgumentException>(() => none.Fit(data)).Message);
    }

    [Fact]
    public void ScoresThatAreNotProbabilitiesNeedTheLogitsSetting()
    {
        var data = SyntheticData.Multiclass(_ml, 90, 1);
        // Three raw values per row and no slot names: not probabilities.
        var raw = _ml.Transforms.CustomMapping<ValueRow, RawScores>((row, scores) => scores.Score = [row.Value, -row.Value, 2 * row.Value],
            contractName: null).Fit(data);
        var e = Assert.Throws<ArgumentException>(() => Student(raw).Fit(data));
        Assert.Contains("TeacherScoresAreLogits", e.Message);
        Assert.Contains("'Score'", e.Message);
        Student(raw, d => d.TeacherScoresAreLogits = true).Fit(data);
    }
}
