using MLExt.Evaluation;
using Microsoft.ML;

namespace MLExt.Trainers.Ensembles;

/// <summary>
/// A voting ensemble (scikit-learn's <c>VotingClassifier</c> and <c>VotingRegressor</c>): every member trains on all the
/// rows, and a row's prediction is the weighted mean of the members' probabilities (soft voting), of their predicted
/// classes (hard voting), or of their scores (regression: averaging).
/// </summary>
public sealed class VotingEnsembleEstimator : EnsembleEstimatorBase<VotingEnsembleEstimator.Options>
{
    /// <summary>Options of a voting ensemble.</summary>
    public sealed class Options : EnsembleOptions
    {
        /// <summary>Soft (mean probability, the default) or hard (share of votes); classification only.</summary>
        public EnsembleVoting Voting { get; set; } = EnsembleVoting.Soft;

        /// <summary>Each member's weight (non-negative, not all zero; scaled to sum to 1), or null for equal weights.</summary>
        public IReadOnlyList<float>? Weights { get; set; }

        internal override void Validate()
        {
            base.Validate();
            if (!Enum.IsDefined(Voting))
                throw new ArgumentOutOfRangeException(nameof(Voting), Voting, "Voting must be Soft or Hard.");
            if (Weights is null) return;
            if (Weights.Count != Members.Count)
                throw new ArgumentException($"Weights has {Weights.Count} values for {Members.Count} members.", nameof(Weights));
            for (int i = 0; i < Weights.Count; i++)
                if (!float.IsFinite(Weights[i]) || Weights[i] < 0)
                    throw new ArgumentOutOfRangeException(nameof(Weights), Weights[i], $"Weights: the weight of {MemberName(i)} must be finite and non-negative.");
            if (Weights.Sum() <= 0)
                throw new ArgumentException("Weights: every weight is zero; at least one member must count.", nameof(Weights));
        }

        /// <summary>The weights scaled to sum to 1.</summary>
        internal float[] NormalizedWeights()
        {
            var weights = Weights?.ToArray() ?? Enumerable.Repeat(1f, Members.Count).ToArray();
            float sum = weights.Sum();
            return weights.Select(w => w / sum).ToArray();
        }
    }

    internal VotingEnsembleEstimator(EvaluationTask task, Options options) : base(task, options) { }

    private protected override void Validate()
    {
        base.Validate();
        if (Task == EvaluationTask.Regression && EnsembleOptions.Voting == EnsembleVoting.Hard)
            throw new ArgumentException("Voting: hard voting counts predicted classes, and regression has none; a regression ensemble averages its members' scores.",
                nameof(Options.Voting));
    }

    private protected override EnsembleTransformer FitChecked(IDataView input, PredictionHead? head)
    {
        var options = EnsembleOptions;
        var members = FitMembers(input, "the training rows");
        int classes = ValuesPerMember(head);
        var chain = EnsembleChain.Members(input, members,
            (i, schema) => EnsembleMembers.CombinedColumn(options, i, Task, schema, options.Voting, classes));
        var weights = options.NormalizedWeights();
        var (graph, outputs) = VotingCombiner.Build(Task, options.Voting, weights, classes, head);
        string file = PrivateOnnxFile.Write(graph);
        try
        {
            chain.Add(chain.Context.Transforms.ApplyOnnxModel(outputs, [EnsembleChain.InputsColumn], file));
            chain.Add(VotingCombiner.Adapters(chain.Context, head));
            string method = Task == EvaluationTask.Regression ? "averaging" : $"{options.Voting.ToString().ToLowerInvariant()} voting";
            return new EnsembleTransformer(Task, method, members, MemberNames(), weights, metaModel: null, chain.Finish(OutputColumns()), file);
        }
        catch
        {
            File.Delete(file);
            throw;
        }
    }
}
