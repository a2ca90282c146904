namespace MLExt.Data;

/// <summary>
/// Zachary's karate club (Zachary 1977, <i>Journal of Anthropological Research</i> 33, 452–473): 34 members, 78
/// undirected friendships, and the faction each member joined when the club split — "Mr. Hi" (the instructor, member
/// 1) or "Officer" (the administrator, member 34). Members are numbered 1–34 as in the paper; see
/// <c>Data/Graphs/LICENCE-karate-club.md</c> for the source of the files and their licence.
/// </summary>
public sealed class KarateClub
{
    private const string EdgesResource = "MLExt.Data.karate-club-edges.csv";
    private const string NodesResource = "MLExt.Data.karate-club-nodes.csv";

    private KarateClub(int[] members, string[] factions, int[] sources, int[] targets)
    {
        (Members, Factions, Sources, Targets) = (members, factions, sources, targets);
    }

    /// <summary>The member numbers 1–34.</summary>
    public IReadOnlyList<int> Members { get; }

    /// <summary>Each member's faction, "Mr. Hi" or "Officer", in <see cref="Members"/> order.</summary>
    public IReadOnlyList<string> Factions { get; }

    /// <summary>One end (a member number) of each friendship.</summary>
    public IReadOnlyList<int> Sources { get; }

    /// <summary>The other end of each friendship.</summary>
    public IReadOnlyList<int> Targets { get; }

    /// <summary>The instructor's member number.</summary>
    public const int Instructor = 1;

    /// <summary>The administrator's member number.</summary>
    public const int Administrator = 34;

    /// <summary>Reads the club embedded in MLExt.Data.</summary>
    public static KarateClub Load()
    {
        var nodes = ReadCsv(NodesResource, "member,faction");
        var edges = ReadCsv(EdgesResource, "source,target");
        return new KarateClub(
            nodes.Select(r => int.Parse(r[0], System.Globalization.CultureInfo.InvariantCulture)).ToArray(), nodes.Select(r => r[1]).ToArray(),
            edges.Select(r => int.Parse(r[0], System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
            edges.Select(r => int.Parse(r[1], System.Globalization.CultureInfo.InvariantCulture)).ToArray());
    }

    private static List<string[]> ReadCsv(string resource, string header)
    {
        using var stream = typeof(KarateClub).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded resource {resource} is missing from MLExt.Data.");
        using var reader = new StreamReader(stream);
        if (reader.ReadLine() != header) throw new InvalidDataException($"{resource} does not start with '{header}'.");
        var rows = new List<string[]>();
        for (string? line; (line = reader.ReadLine()) is not null;)
            if (line.Length > 0) rows.Add(line.Split(','));
        return rows;
    }
}
