using MLExt.AutoML;

namespace MLExt.Cli.Commands;

/// <summary>The search space of a study made by <c>mlext tune</c>, found again from the words its header keeps.</summary>
internal static class StudySpaces
{
    /// <summary>
    /// The default space over the subset of trainers whose description matches <paramref name="header"/>'s (mlext tune searches
    /// <see cref="DefaultSearchSpace"/> over the trainers of --trainers), or null for a space of the user's own.
    /// </summary>
    public static SearchSpace? Find(StudyHeader header)
    {
        var offered = DefaultSearchSpace.Trainers(header.Task);
        for (int mask = 1; mask < 1 << offered.Count; mask++)
        {
            var chosen = offered.Where((_, i) => (mask & (1 << i)) != 0).ToArray();
            var space = DefaultSearchSpace.Create(header.Task, header.MinEpochs, header.MaxEpochs, chosen);
            if (space.ToString() == header.SearchSpace)
                return space;
        }
        return null;
    }
}
