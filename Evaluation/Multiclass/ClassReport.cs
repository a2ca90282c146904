namespace MLExt.Evaluation.Multiclass;

/// <summary>How well one class is recognised.</summary>
/// <param name="Name">The class name.</param>
/// <param name="Precision">TP / (TP + FP); 0 when the class is never predicted.</param>
/// <param name="Recall">TP / (TP + FN); 0 when the class never occurs.</param>
/// <param name="F1">Harmonic mean of precision and recall; 0 when both are 0.</param>
/// <param name="Support">Rows whose label is this class.</param>
/// <param name="Auc">One-vs-rest AUC of this class's score; NaN when the class is absent or is every row.</param>
/// <param name="LogLoss">Mean −ln p(class), in nats, over this class's rows; NaN without rows.</param>
public sealed record ClassReport(string Name, double Precision, double Recall, double F1, long Support, double Auc, double LogLoss);
