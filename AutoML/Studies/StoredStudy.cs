namespace MLExt.AutoML;

/// <summary>One study of a shared storage, as <c>mlext study list</c> shows it.</summary>
/// <param name="Name">The study's name.</param>
/// <param name="Direction">MINIMIZE or MAXIMIZE (Optuna's names).</param>
/// <param name="Trials">All trials, whatever their state.</param>
/// <param name="Completed">Completed trials.</param>
/// <param name="Running">Running trials.</param>
/// <param name="BestValue">The best completed trial's value, or null when none completed.</param>
/// <param name="IsMLExt">Whether MLExt made the study (Optuna's own studies can be listed but not joined).</param>
public sealed record StoredStudy(string Name, string Direction, int Trials, int Completed, int Running, double? BestValue, bool IsMLExt);
