using System.Globalization;
using MLExt.Cli.Data;
using MLExt.Neural;

namespace MLExt.Cli.Graphs;

/// <summary>
/// A graph read from two delimited files for <c>mlext graph</c>: the nodes file (an id column, a label column, an
/// optional split column, every other column a numeric feature) and the edges file (source and target ids, an
/// optional weight column). Ids are text, so any type works. Every problem names the file, its line, the node id or
/// the column, and is found before any training.
/// </summary>
internal sealed class NodeTable
{
    private NodeTable(string[] ids, string[] classes, int[] labels, bool[] train, string[] featureNames, float[] features,
        SparseAdjacency adjacency)
    {
        (Ids, Classes, Labels, Train, FeatureNames, Features, Adjacency) = (ids, classes, labels, train, featureNames, features, adjacency);
    }

    /// <summary>Node ids in file order.</summary>
    public string[] Ids { get; }

    /// <summary>The label values, sorted (class k is Classes[k]).</summary>
    public string[] Classes { get; }

    /// <summary>Each node's class.</summary>
    public int[] Labels { get; }

    /// <summary>Whether each node is in the training split (else test).</summary>
    public bool[] Train { get; }

    /// <summary>The feature columns.</summary>
    public string[] FeatureNames { get; }

    /// <summary>Features, row-major [nodes, features].</summary>
    public float[] Features { get; }

    /// <summary>The edges (each undirected edge both ways unless --directed).</summary>
    public SparseAdjacency Adjacency { get; }

    /// <summary>Reads and checks both files.</summary>
    /// <exception cref="UserException">Any problem with the files or the options naming their columns.</exception>
    public static NodeTable Read(string nodesPath, string edgesPath, string label, string? split, string idColumn, bool directed,
        int trainPerClass, int seed)
    {
        var nodes = DelimitedFile.Profile(nodesPath);
        int id = Column(nodes, idColumn, "--id", nodesPath), labelAt = Column(nodes, label, "--label", nodesPath);
        int splitAt = split is null ? -1 : Column(nodes, split, "--split", nodesPath);
        if (labelAt == id) throw new UserException($"--label '{label}' is the id column of {nodesPath}");
        var featureColumns = Enumerable.Range(0, nodes.Columns.Count).Where(c => c != id && c != labelAt && c != splitAt).ToArray();
        if (featureColumns.Length == 0) throw new UserException($"{nodesPath} has no feature column besides the id, --label and --split columns");
        var ids = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var labelText = new List<string>();
        var splitText = new List<string>();
        var features = new List<float>();
        foreach (var (fields, line) in DelimitedFile.Records(nodesPath, nodes.Separator).Skip(1))
        {
            string nodeId = Field(fields, id).Trim();
            if (nodeId.Length == 0) throw new UserException($"{nodesPath} line {line}: the id column '{nodes.Columns[id].Name}' is empty");
            if (!index.TryAdd(nodeId, ids.Count)) throw new UserException($"{nodesPath} line {line}: node id '{nodeId}' appears twice");
            ids.Add(nodeId);
            foreach (int c in featureColumns)
            {
                string text = Field(fields, c).Trim();
                if (text.Length == 0)
                    throw new UserException($"{nodesPath} line {line}: node '{nodeId}' has no value in feature column '{nodes.Columns[c].Name}'");
                if (!float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float value) || !float.IsFinite(value))
                    throw new UserException($"{nodesPath} line {line}: node '{nodeId}' has '{text}' in feature column '{nodes.Columns[c].Name}', not a finite number");
                features.Add(value);
            }
            string labelValue = Field(fields, labelAt).Trim();
            if (labelValue.Length == 0) throw new UserException($"{nodesPath} line {line}: node '{nodeId}' has no --label value ('{label}')");
            labelText.Add(labelValue);
            if (splitAt >= 0)
            {
                string part = Field(fields, splitAt).Trim().ToLowerInvariant();
                if (part is not ("train" or "test"))
                    throw new UserException($"{nodesPath} line {line}: node '{nodeId}' has '{part}' in --split column '{split}'; use train or test");
                splitText.Add(part);
            }
        }
        var classes = labelText.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (classes.Length < 2) throw new UserException($"--label '{label}' has a single value ('{classes[0]}'); node classification needs two classes or more");
        var labels = labelText.Select(l => Array.BinarySearch(classes, l, StringComparer.Ordinal)).ToArray();
        var train = splitAt >= 0 ? splitText.Select(s => s == "train").ToArray() : SeededSplit(labels, classes.Length, trainPerClass, seed);
        for (int c = 0; c < classes.Length; c++)
            if (!Enumerable.Range(0, labels.Length).Any(i => train[i] && labels[i] == c))
                throw new UserException($"class '{classes[c]}' of --label '{label}' has no node in the training split");
        var adjacency = ReadEdges(edgesPath, index, directed);
        return new NodeTable([.. ids], classes, labels, train, featureColumns.Select(c => nodes.Columns[c].Name).ToArray(), [.. features], adjacency);
    }

    private static SparseAdjacency ReadEdges(string path, Dictionary<string, int> index, bool directed)
    {
        var file = DelimitedFile.Profile(path);
        if (file.Columns.Count < 2) throw new UserException($"{path} needs a source and a target column, got: {file.ColumnNames}");
        int weightAt = file.Columns.ToList().FindIndex(c => string.Equals(c.Name, "weight", StringComparison.OrdinalIgnoreCase));
        List<int> sources = [], targets = [];
        List<float> weights = [];
        foreach (var (fields, line) in DelimitedFile.Records(path, file.Separator).Skip(1))
        {
            int Node(int column)
            {
                string text = Field(fields, column).Trim();
                return index.TryGetValue(text, out int node) ? node
                    : throw new UserException($"{path} line {line}: {file.Columns[column].Name} '{text}' is not a node id of the nodes file");
            }
            int s = Node(0), t = Node(1);
            if (s == t)
                throw new UserException($"{path} line {line}: an edge from node '{Field(fields, 0).Trim()}' to itself; the graph layers add " +
                    "each node's own features themselves (GCN's self loops, GAT's own attention, GraphSAGE's self term): remove the row");
            float w = 1f;
            if (weightAt >= 0 && (!float.TryParse(Field(fields, weightAt).Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out w) || !(w > 0) || !float.IsFinite(w)))
                throw new UserException($"{path} line {line}: weight '{Field(fields, weightAt).Trim()}' is not a positive number");
            sources.Add(s);
            targets.Add(t);
            weights.Add(w);
        }
        return SparseAdjacency.FromEdges(index.Count, [.. sources], [.. targets], [.. weights], undirected: !directed);
    }

    // Planetoid's protocol: a fixed number of training nodes per class, drawn with the seed; the rest is the test split.
    private static bool[] SeededSplit(int[] labels, int classes, int perClass, int seed)
    {
        var random = new RandomSource(seed);
        var train = new bool[labels.Length];
        for (int c = 0; c < classes; c++)
        {
            var members = Enumerable.Range(0, labels.Length).Where(i => labels[i] == c).ToArray();
            random.Shuffle(members.AsSpan());
            foreach (int i in members.Take(Math.Min(perClass, members.Length - 1))) train[i] = true;
        }
        return train;
    }

    private static int Column(DelimitedFile file, string name, string option, string path) =>
        file.Find(name) is { } column ? column.Index
            : throw new UserException($"{option} '{name}' is not a column of {path}; columns: {file.ColumnNames}");

    private static string Field(List<string> fields, int column) => column < fields.Count ? fields[column] : "";
}
