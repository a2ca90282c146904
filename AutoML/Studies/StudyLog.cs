using System.Text;
using System.Text.Json;

namespace MLExt.AutoML;

/// <summary>A study file read back: its header, the tuner's event log in order, and the finished trials.</summary>
public sealed class StudyLog
{
    private readonly IReadOnlyList<(string Line, object Item)> _lines;

    private StudyLog(StudyHeader header, IReadOnlyList<TunerEvent> events, IReadOnlyList<TrialRecord> trials, long validLength, IReadOnlyList<(string, object)> lines)
    {
        _lines = lines;
        Header = header;
        Events = events;
        Trials = trials;
        ValidLength = validLength;
    }

    /// <summary>What the study optimises and how.</summary>
    public StudyHeader Header { get; }

    /// <summary>Every call the tuner saw, in order.</summary>
    public IReadOnlyList<TunerEvent> Events { get; }

    /// <summary>The finished trials (completed, pruned or failed), in the order they were reported.</summary>
    public IReadOnlyList<TrialRecord> Trials { get; }

    /// <summary>The length in bytes of the file's complete lines (less than the file's length after a torn last write).</summary>
    public long ValidLength { get; }

    /// <summary>
    /// The events to replay to resume: all of them except the prune checks of trials that never finished, which run again from
    /// their first epoch and ask those questions anew.
    /// </summary>
    public IReadOnlyList<TunerEvent> ResumableEvents
    {
        get
        {
            var reported = Reported;
            return Events.Where(e => e is not PruneCheckedEvent c || reported.Contains(c.TrialId)).ToArray();
        }
    }

    /// <summary>The file's lines without the prune checks that <see cref="ResumableEvents"/> leaves out, header first.</summary>
    internal IEnumerable<string> ResumableLines
    {
        get
        {
            var reported = Reported;
            return _lines.Where(l => l.Item is not PruneCheckedEvent c || reported.Contains(c.TrialId)).Select(l => l.Line);
        }
    }

    private HashSet<int> Reported => Events.OfType<TrialReportedEvent>().Select(r => r.Outcome.Id).ToHashSet();

    /// <summary>Reads the study file at <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">The file is not a study (a line that is not the last does not parse, or the header is missing); the message names the line.</exception>
    public static StudyLog Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes = File.ReadAllBytes(path);
        StudyHeader? header = null;
        var events = new List<TunerEvent>();
        var trials = new List<TrialRecord>();
        var lines = new List<(string, object)>();
        long valid = 0;
        int start = 0, lineNumber = 0;
        while (start < bytes.Length)
        {
            int end = Array.IndexOf(bytes, (byte)'\n', start);
            lineNumber++;
            if (end < 0)
                break; // a torn last write: no newline yet
            string line = Encoding.UTF8.GetString(bytes, start, end - start);
            object item;
            try
            {
                item = StudyJson.Parse(line);
            }
            catch (Exception e) when (e is JsonException or FormatException or ArgumentException or KeyNotFoundException or InvalidOperationException)
            {
                throw new InvalidDataException($"{path}, line {lineNumber}: not a study line ({e.Message}).", e);
            }
            switch (item)
            {
                case StudyHeader h when header is null && lineNumber == 1:
                    header = h;
                    break;
                case StudyHeader:
                    throw new InvalidDataException($"{path}, line {lineNumber}: a second study header.");
                case TunerEvent e when header is not null:
                    events.Add(e);
                    break;
                case TrialRecord r when header is not null:
                    trials.Add(r);
                    break;
                default:
                    throw new InvalidDataException($"{path}, line {lineNumber}: the study header must come first.");
            }
            lines.Add((line, item));
            start = end + 1;
            valid = start;
        }
        return new StudyLog(header ?? throw new InvalidDataException($"{path} holds no study header; is it a study file?"), events, trials, valid, lines);
    }
}
