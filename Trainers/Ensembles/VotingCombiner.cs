using MLExt.Evaluation;
using MLExt.Neural.Onnx;
using MLExt.Neural.Onnx.Proto;
using MLExt.Trainers.Persistence;
using Microsoft.ML;

namespace MLExt.Trainers.Ensembles;

/// <summary>
/// The combining stage of a voting ensemble as an ONNX graph run by ML.NET's <c>OnnxTransformer</c> (its bytes, and so
/// the weights, are stored in the saved zip), followed by the same stateless adapters as a saved MLExt network.
/// The graph reads <see cref="EnsembleChain.InputsColumn"/> (m members × k values) and computes the weighted mean
/// q = Σᵢ wᵢ xᵢ of the members' probabilities (soft), one-hot predicted classes (hard) or scores (regression); a
/// classifier's head then sees log-odds log(q / (1 − q)) (binary) or log q (multiclass, whose softmax gives back q).
/// </summary>
internal static class VotingCombiner
{
    // Probabilities are kept in [ε, 1 − ε] so that the log-odds stay finite when every member is certain.
    private const float Epsilon = 1e-6f;

    /// <summary>The ONNX graph and the names of its outputs.</summary>
    /// <param name="task">The ensemble's task.</param>
    /// <param name="voting">Soft or hard (classification).</param>
    /// <param name="weights">The members' weights, summing to 1.</param>
    /// <param name="classes">Values per member: the classes (multiclass) or 1.</param>
    /// <param name="head">The classifier head giving the output columns, or null for regression.</param>
    public static (ModelProto Graph, string[] Outputs) Build(EvaluationTask task, EnsembleVoting voting, float[] weights, int classes, PredictionHead? head)
    {
        int members = weights.Length;
        var graph = new OnnxGraphBuilder("mlext_ensemble");
        string input = graph.AddInput(EnsembleChain.InputsColumn, [members * classes]);
        string x = graph.AddNode("Reshape", "members", [input, graph.AddInt64Constant("members_shape", [1, members, classes])]);
        if (voting == EnsembleVoting.Hard && task == EvaluationTask.MulticlassClassification)
        {
            // Each member's vote: the one-hot of its most probable class.
            string vote = graph.AddNode("ArgMax", "votes", [x], OnnxAttributes.Int("axis", 2), OnnxAttributes.Int("keepdims", 0));
            x = graph.AddNode("OneHot", "one_hot_votes", [vote, graph.AddInt64Constant("classes", [classes]), graph.AddConstant("off_on", [2], [0f, 1f])],
                OnnxAttributes.Int("axis", -1));
        }
        // q = Σᵢ wᵢ xᵢ, shape [1, k]
        string weighted = graph.AddNode("Mul", "weighted", [x, graph.AddConstant("weights", [1, members, 1], weights)]);
        string q = graph.AddNode("ReduceSum", "combined", [weighted, graph.AddInt64Constant("member_axis", [1])], OnnxAttributes.Int("keepdims", 0));
        IReadOnlyList<OnnxHeadOutput> outputs;
        if (task == EvaluationTask.BinaryClassification)
        {
            // z = log q − log(1 − q), the log-odds of the combined probability
            string clipped = graph.AddNode("Clip", "clipped", [q, graph.AddScalar("low", Epsilon), graph.AddScalar("high", 1f - Epsilon)]);
            string complement = graph.AddNode("Sub", "complement", [graph.AddScalar("one", 1f), clipped]);
            string logit = graph.AddNode("Sub", "log_odds", [graph.AddNode("Log", "log_q", [clipped]), graph.AddNode("Log", "log_1_q", [complement])]);
            outputs = head!.AddOnnxOutputs(graph, logit);
        }
        else if (task == EvaluationTask.MulticlassClassification)
        {
            // z = log max(q, ε); softmax(z) = q / Σq = q
            string floor = graph.AddNode("Max", "floored", [q, graph.AddScalar("floor", Epsilon)]);
            outputs = head!.AddOnnxOutputs(graph, graph.AddNode("Log", "log_q", [floor]));
        }
        else
        {
            outputs = [new(ColumnNames.Score, q, TensorProto.Types.DataType.Float, [1])];
        }
        ModelOnnxExporter.AddRowOutputs(graph, outputs);
        return (graph.ToModel($"MLExt {voting.ToString().ToLowerInvariant()}-voting ensemble of {members} members."), outputs.Select(o => o.Name).ToArray());
    }

    /// <summary>The adapters from the graph's vector outputs to the task's standard columns.</summary>
    public static IEstimator<ITransformer> Adapters(MLContext ml, PredictionHead? head) =>
        head?.CreateColumnAdapters(ml) ?? ml.Transforms.CustomMapping(new RegressionOutputsMapping().GetMapping(), RegressionOutputsMapping.ContractName);
}
