using Microsoft.ML;

namespace MLExt.Trainers.Ensembles;

/// <summary>What every ensemble needs: its members and the label column they share.</summary>
public abstract class EnsembleOptions
{
    /// <summary>
    /// The members: any ML.NET estimators (a trainer, or a pipeline ending in one) of the ensemble's task, each reading
    /// the input columns it needs and adding ML.NET's standard prediction columns. At least two.
    /// </summary>
    public IReadOnlyList<IEstimator<ITransformer>> Members { get; set; } = [];

    /// <summary>Names of the members for messages and reports, in order; null to name them by their trainer's type.</summary>
    public IReadOnlyList<string>? MemberNames { get; set; }

    /// <summary>The label column the members train on. Default <c>Label</c>.</summary>
    public string LabelColumnName { get; set; } = ColumnNames.Label;

    /// <summary>Checks the options every ensemble shares; the message names the option.</summary>
    internal virtual void Validate()
    {
        if (Members is null || Members.Count < 2)
            throw new ArgumentException(
                $"Members: an ensemble needs at least 2 members, got {Members?.Count ?? 0}; an ensemble of one is that member alone: train it directly.",
                nameof(Members));
        for (int i = 0; i < Members.Count; i++)
            if (Members[i] is null)
                throw new ArgumentException($"Members: member {i + 1} is null.", nameof(Members));
        if (MemberNames is not null && MemberNames.Count != Members.Count)
            throw new ArgumentException($"MemberNames has {MemberNames.Count} names for {Members.Count} members.", nameof(MemberNames));
        if (string.IsNullOrWhiteSpace(LabelColumnName))
            throw new ArgumentException("LabelColumnName is empty.", nameof(LabelColumnName));
    }

    /// <summary>Member <paramref name="index"/>'s name for messages.</summary>
    internal string MemberName(int index) =>
        MemberNames?[index] is { Length: > 0 } name ? name : $"member {index + 1} ({EnsembleMembers.TypeName(Members[index])})";
}
