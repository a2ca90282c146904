using System.Net.Sockets;
using System.Text.Json;
using Npgsql;

namespace MLExt.AutoML;

/// <summary>
/// A study in a PostgreSQL database that any number of worker processes and machines share, with no coordinator, in the tables
/// of Optuna's relational storage (<see cref="OptunaSchema"/>): <c>optuna.load_study(study_name=…, storage="postgresql://…")</c>
/// opens it and sees its trials, parameters, values and intermediate values.
/// </summary>
/// <remarks>
/// <see cref="Exclusive{T}"/> locks the study's row (<c>SELECT … FOR UPDATE</c>) for one transaction, so trial numbers are handed
/// out one at a time (no duplicates, no gaps) and every worker's tuner sees the calls in one order. Each transaction opens a
/// pooled connection; a dropped connection or a transient error is retried with exponential backoff.
/// </remarks>
public sealed class PostgresStudyStorage : IStudyStorage
{
    internal const string HeaderKey = "mlext:header";
    internal const string RecordKey = "mlext:record";
    private const int MaxAttempts = 6;

    private readonly NpgsqlDataSource _source;
    private readonly object _gate = new();
    private readonly Dictionary<int, TrialSuggestion> _proposals = [];
    private long _lastSequence;
    private bool _restart;
    private long _roundTrips;

    /// <summary>The study <paramref name="studyName"/> in the database at <paramref name="storage"/>.</summary>
    /// <param name="storage">A URL (<c>postgresql://user:password@host:5432/database</c>) or an Npgsql connection string.</param>
    /// <param name="studyName">The study's name; workers that name the same study share it.</param>
    /// <exception cref="StudyStorageException">The address does not parse.</exception>
    public PostgresStudyStorage(string storage, string studyName)
    {
        ArgumentException.ThrowIfNullOrEmpty(storage);
        ArgumentException.ThrowIfNullOrWhiteSpace(studyName);
        var builder = PostgresAddress.Parse(storage);
        Address = PostgresAddress.Describe(builder);
        StudyName = studyName;
        _source = NpgsqlDataSource.Create(builder);
    }

    /// <summary>The database without its password, such as <c>postgresql://mlext@127.0.0.1:5433/mlext</c>.</summary>
    public string Address { get; }

    /// <summary>The study's name.</summary>
    public string StudyName { get; }

    /// <inheritdoc/>
    public string Description => $"study '{StudyName}' in {Address}";

    /// <inheritdoc/>
    public bool IsShared => true;

    /// <summary>The study's id in <c>studies</c> once opened.</summary>
    internal int StudyId { get; private set; }

    /// <summary>The search space, for storing each parameter's distribution.</summary>
    internal SearchSpace? Space { get; private set; }

    /// <summary>Whether the study's metric is maximised (Optuna's MAXIMIZE).</summary>
    internal bool Maximise { get; private set; }

    /// <summary>The SQL commands sent so far (the benchmark's round trips).</summary>
    public long RoundTrips => Interlocked.Read(ref _roundTrips);

    /// <summary>The proposals seen so far, by trial number.</summary>
    internal Dictionary<int, TrialSuggestion> Proposals => _proposals;

    /// <inheritdoc/>
    public StudyContents Open(StudyHeader header, SearchSpace space, bool resume)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(space);
        Space = space;
        Maximise = ExperimentMetrics.HigherIsBetter(header.Metric);
        return Guard(() =>
        {
            using var connection = _source.OpenConnection();
            OptunaSchema.Ensure(connection, Address);
            using var transaction = connection.BeginTransaction();
            Execute(connection, transaction, "INSERT INTO studies (study_name) VALUES (@name) ON CONFLICT (study_name) DO NOTHING", ("name", StudyName));
            StudyId = (int)Scalar(connection, transaction, "SELECT study_id FROM studies WHERE study_name = @name FOR UPDATE", ("name", StudyName))!;
            string headerJson = StudyJson.Header(header);
            var stored = Scalar(connection, transaction, "SELECT value_json FROM study_system_attributes WHERE study_id = @s AND key = @k",
                ("s", StudyId), ("k", HeaderKey)) as string;
            if (stored is null)
            {
                long existing = (long)Scalar(connection, transaction, "SELECT count(*) FROM trials WHERE study_id = @s", ("s", StudyId))!;
                if (existing > 0)
                    throw new StudyStorageException($"{Description} was not made by MLExt (it has trials but no MLExt settings); choose another --study-name.");
                Execute(connection, transaction, "INSERT INTO study_directions (direction, study_id, objective) VALUES (@d::studydirection, @s, 0)",
                    ("d", Maximise ? "MAXIMIZE" : "MINIMIZE"), ("s", StudyId));
                Execute(connection, transaction, "INSERT INTO study_system_attributes (study_id, key, value_json) VALUES (@s, @k, @v)",
                    ("s", StudyId), ("k", HeaderKey), ("v", headerJson));
            }
            else if (((StudyHeader)StudyJson.Parse(stored)).Difference(header) is { } difference)
            {
                throw new StudyStorageException($"{Description} was made with {difference}; join it with the same settings or choose another --study-name.");
            }
            var events = ReadEvents(connection, transaction, 0);
            transaction.Commit();
            _lastSequence = events.Count > 0 ? events[^1].Sequence : 0;
            return new StudyContents(events.Select(e => e.Event).ToArray(), ReadTrials(connection), _lastSequence);
        });
    }

    /// <inheritdoc/>
    public T Exclusive<T>(Func<IStudyTransaction, T> step)
    {
        ArgumentNullException.ThrowIfNull(step);
        lock (_gate)
        {
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    using var connection = _source.OpenConnection();
                    using var transaction = connection.BeginTransaction();
                    Execute(connection, transaction, "SELECT study_id FROM studies WHERE study_id = @s FOR UPDATE", ("s", StudyId));
                    bool restarted = _restart;
                    long after = restarted ? 0 : _lastSequence;
                    var events = ReadEvents(connection, transaction, after);
                    var tx = new PostgresTransaction(this, connection, transaction, events, restarted, after);
                    T result = step(tx);
                    transaction.Commit();
                    _lastSequence = tx.LastSequence;
                    _restart = false;
                    return result;
                }
                catch (Exception e) when (IsTransient(e) && attempt < MaxAttempts)
                {
                    // The commit may or may not have happened: the next attempt reads the whole log and the worker rebuilds from it.
                    _restart = true;
                    Thread.Sleep(TimeSpan.FromMilliseconds(250 * (1 << attempt)));
                }
                catch (Exception e) when (IsTransient(e) || e is PostgresException)
                {
                    throw Explain(e);
                }
            }
        }
    }

    /// <inheritdoc/>
    public void Heartbeat(int trialId)
    {
        try
        {
            using var connection = _source.OpenConnection();
            Execute(connection, null,
                "INSERT INTO trial_heartbeats (trial_id, heartbeat) SELECT trial_id, LOCALTIMESTAMP FROM trials WHERE study_id = @s AND number = @n " +
                "ON CONFLICT (trial_id) DO UPDATE SET heartbeat = EXCLUDED.heartbeat", ("s", StudyId), ("n", trialId));
        }
        catch (Exception e) when (IsTransient(e))
        {
            // A missed beat is harmless while the next one arrives within the grace period.
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<TrialRecord> Trials() => Guard(() =>
    {
        using var connection = _source.OpenConnection();
        if (StudyId == 0)
            StudyId = FindStudy(connection);
        return ReadTrials(connection);
    });

    /// <summary>The studies in the database at <paramref name="storage"/>, by name.</summary>
    /// <exception cref="StudyStorageException">The address does not parse, the server does not answer, or the database holds no studies.</exception>
    public static IReadOnlyList<StoredStudy> List(string storage)
    {
        using var probe = new PostgresStudyStorage(storage, "-");
        return probe.Guard(() =>
        {
            using var connection = probe._source.OpenConnection();
            if (!(bool)probe.Scalar(connection, null, "SELECT to_regclass('studies') IS NOT NULL")!)
                throw new StudyStorageException($"{probe.Address} holds no studies (no 'studies' table).");
            const string sql =
                "SELECT s.study_name, coalesce((SELECT d.direction::text FROM study_directions d WHERE d.study_id = s.study_id AND d.objective = 0), 'NOT_SET'), " +
                "(SELECT count(*) FROM trials t WHERE t.study_id = s.study_id), " +
                "(SELECT count(*) FROM trials t WHERE t.study_id = s.study_id AND t.state = 'COMPLETE'), " +
                "(SELECT count(*) FROM trials t WHERE t.study_id = s.study_id AND t.state = 'RUNNING'), " +
                "(SELECT CASE WHEN d.direction = 'MAXIMIZE' THEN max(v.value) ELSE min(v.value) END FROM trial_values v JOIN trials t ON t.trial_id = v.trial_id " +
                "  JOIN study_directions d ON d.study_id = t.study_id AND d.objective = 0 WHERE t.study_id = s.study_id AND t.state = 'COMPLETE' GROUP BY d.direction), " +
                "EXISTS (SELECT 1 FROM study_system_attributes a WHERE a.study_id = s.study_id AND a.key = @k) " +
                "FROM studies s ORDER BY s.study_name";
            using var command = probe.Command(connection, null, sql, ("k", HeaderKey));
            using var reader = command.ExecuteReader();
            var studies = new List<StoredStudy>();
            while (reader.Read())
                studies.Add(new StoredStudy(reader.GetString(0), reader.GetString(1), (int)reader.GetInt64(2), (int)reader.GetInt64(3),
                    (int)reader.GetInt64(4), reader.IsDBNull(5) ? null : reader.GetDouble(5), reader.GetBoolean(6)));
            return studies;
        });
    }

    /// <summary>The header of an MLExt study in storage, to join or read it without knowing its settings.</summary>
    /// <exception cref="StudyStorageException">No such study, or not one MLExt made.</exception>
    public StudyHeader ReadHeader() => Guard(() =>
    {
        using var connection = _source.OpenConnection();
        StudyId = FindStudy(connection);
        var json = Scalar(connection, null, "SELECT value_json FROM study_system_attributes WHERE study_id = @s AND key = @k", ("s", StudyId), ("k", HeaderKey)) as string
            ?? throw new StudyStorageException($"{Description} was not made by MLExt; read it with Optuna.");
        return (StudyHeader)StudyJson.Parse(json);
    });

    /// <inheritdoc/>
    public void Dispose() => _source.Dispose();

    internal NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        Interlocked.Increment(ref _roundTrips);
        return command;
    }

    internal int Execute(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        return command.ExecuteNonQuery();
    }

    internal object? Scalar(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    private int FindStudy(NpgsqlConnection connection)
    {
        bool tables = (bool)Scalar(connection, null, "SELECT to_regclass('studies') IS NOT NULL")!;
        return (tables ? Scalar(connection, null, "SELECT study_id FROM studies WHERE study_name = @n", ("n", StudyName)) : null) as int?
            ?? throw new StudyStorageException($"{Address} has no study named '{StudyName}'; 'mlext study list --storage …' shows the studies.");
    }

    private List<(long Sequence, TunerEvent Event)> ReadEvents(NpgsqlConnection connection, NpgsqlTransaction transaction, long after)
    {
        using var command = Command(connection, transaction, "SELECT event_id, payload FROM mlext_events WHERE study_id = @s AND event_id > @after ORDER BY event_id",
            ("s", StudyId), ("after", after));
        using var reader = command.ExecuteReader();
        var events = new List<(long, TunerEvent)>();
        while (reader.Read())
        {
            var e = (TunerEvent)StudyJson.Parse(reader.GetString(1));
            if (e is TrialProposedEvent p)
                _proposals[p.Suggestion.Id] = p.Suggestion;
            events.Add((reader.GetInt64(0), e));
        }
        return events;
    }

    private List<TrialRecord> ReadTrials(NpgsqlConnection connection)
    {
        using var command = Command(connection, null,
            "SELECT a.value_json FROM trial_system_attributes a JOIN trials t ON t.trial_id = a.trial_id " +
            "WHERE t.study_id = @s AND a.key = @k ORDER BY t.datetime_complete, t.number", ("s", StudyId), ("k", RecordKey));
        using var reader = command.ExecuteReader();
        var trials = new List<TrialRecord>();
        while (reader.Read())
            trials.Add((TrialRecord)StudyJson.Parse(reader.GetString(0)));
        return trials;
    }

    private T Guard<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException or JsonException)
        {
            throw Explain(e);
        }
    }

    private StudyStorageException Explain(Exception e)
    {
        if (e is PostgresException p)
        {
            string what = p.SqlState switch
            {
                "28P01" or "28000" => "the user name or password is refused; check them in the storage address",
                "42501" => "permission denied; grant the user CREATE and USAGE on the database's public schema, or use another database",
                "3D000" => "the database does not exist; create it (createdb) or name another",
                _ => p.MessageText,
            };
            return new StudyStorageException($"{Description}: {what}.", e);
        }
        return new StudyStorageException(
            $"{Description}: the server does not answer ({e.Message}); start PostgreSQL (tools/services/postgres.sh starts a local one) " +
            "or check the host and port.", e);
    }

    private static bool IsTransient(Exception e) =>
        e is NpgsqlException { IsTransient: true } or SocketException or TimeoutException
        || (e is NpgsqlException && e.InnerException is IOException or SocketException);
}
