using System.Globalization;
using Npgsql;

namespace MLExt.AutoML;

/// <summary>One <see cref="PostgresStudyStorage.Exclusive{T}"/> step: the study's row is locked until it commits.</summary>
internal sealed class PostgresTransaction : IStudyTransaction
{
    private readonly PostgresStudyStorage _storage;
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;

    public PostgresTransaction(PostgresStudyStorage storage, NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyList<(long Sequence, TunerEvent Event)> newEvents, bool restarted, long lastSequence)
    {
        _storage = storage;
        _connection = connection;
        _transaction = transaction;
        NewEvents = newEvents;
        Restarted = restarted;
        LastSequence = newEvents.Count > 0 ? newEvents[^1].Sequence : lastSequence;
    }

    public IReadOnlyList<(long Sequence, TunerEvent Event)> NewEvents { get; }

    public bool Restarted { get; }

    /// <summary>The sequence number of the last event read or written.</summary>
    public long LastSequence { get; private set; }

    public int RunningCount => (int)(long)Scalar("SELECT count(*) FROM trials WHERE study_id = @s AND state = 'RUNNING'")!;

    public void Record(TunerEvent tunerEvent)
    {
        ArgumentNullException.ThrowIfNull(tunerEvent);
        LastSequence = (long)Scalar("INSERT INTO mlext_events (study_id, payload) VALUES (@s, @p) RETURNING event_id", ("p", StudyJson.Event(tunerEvent)))!;
        switch (tunerEvent)
        {
            case TrialProposedEvent p:
                AddTrial(p.Suggestion);
                break;
            case PruneCheckedEvent c:
                var (value, type) = IntermediateValue(c.Value);
                Execute("INSERT INTO trial_intermediate_values (trial_id, step, intermediate_value, intermediate_value_type) " +
                    "SELECT trial_id, @step, @v, @t::trialintermediatevaluetype FROM trials WHERE study_id = @s AND number = @n " +
                    "ON CONFLICT (trial_id, step) DO UPDATE SET intermediate_value = EXCLUDED.intermediate_value, " +
                    "intermediate_value_type = EXCLUDED.intermediate_value_type",
                    ("step", c.Step), ("v", value), ("t", type), ("n", c.TrialId));
                break;
        }
    }

    public void Finish(TrialRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        string state = record.Status switch
        {
            TrialStatus.Completed => "COMPLETE",
            TrialStatus.Pruned => "PRUNED",
            _ => "FAIL",
        };
        // Only a running or waiting trial finishes, once: a repeated report after a reconnection changes nothing.
        var id = Scalar("UPDATE trials SET state = @state::trialstate, datetime_complete = LOCALTIMESTAMP " +
            "WHERE study_id = @s AND number = @n AND state IN ('RUNNING', 'WAITING') RETURNING trial_id", ("state", state), ("n", record.Id));
        if (id is not int trialId)
            return;
        if (record.Status == TrialStatus.Completed)
        {
            string type = double.IsPositiveInfinity(record.Metric) ? "INF_POS" : double.IsNegativeInfinity(record.Metric) ? "INF_NEG" : "FINITE";
            Execute("INSERT INTO trial_values (trial_id, objective, value, value_type) VALUES (@t, 0, @v, @type::trialvaluetype) ON CONFLICT DO NOTHING",
                ("t", trialId), ("v", double.IsFinite(record.Metric) ? record.Metric : null), ("type", type));
        }
        var attributes = new List<(string, string)> { ("seed", Number(record.Seed)), ("epochs_trained", Number(record.EpochsTrained)),
            ("duration_seconds", Number(record.Duration.TotalSeconds)) };
        if (record.Budget is { } budget)
            attributes.Add(("budget", Number(budget)));
        if (record.Error is { } error)
            attributes.Add(("error", System.Text.Json.JsonSerializer.Serialize(error)));
        foreach (var (name, value) in record.Metrics)
            if (double.IsFinite(value))
                attributes.Add((name, Number(value)));
        foreach (var (key, json) in attributes)
            Execute("INSERT INTO trial_user_attributes (trial_id, key, value_json) VALUES (@t, @k, @v) ON CONFLICT (trial_id, key) DO NOTHING",
                ("t", trialId), ("k", key), ("v", json));
        Execute("INSERT INTO trial_system_attributes (trial_id, key, value_json) VALUES (@t, @k, @v) ON CONFLICT (trial_id, key) DO NOTHING",
            ("t", trialId), ("k", PostgresStudyStorage.RecordKey), ("v", StudyJson.Trial(record)));
    }

    public IReadOnlyList<TrialSuggestion> TakeStale(TimeSpan gracePeriod, bool requeue)
    {
        // Server time on both sides, as Optuna's fail_stale_trials does, so workers' clocks do not matter.
        using var command = _storage.Command(_connection, _transaction,
            "SELECT t.number FROM trials t LEFT JOIN trial_heartbeats h ON h.trial_id = t.trial_id WHERE t.study_id = @s AND t.state = 'RUNNING' " +
            "AND coalesce(h.heartbeat, t.datetime_start) < LOCALTIMESTAMP - @grace ORDER BY t.number", ("s", _storage.StudyId), ("grace", gracePeriod));
        var numbers = new List<int>();
        using (var reader = command.ExecuteReader())
            while (reader.Read())
                numbers.Add(reader.GetInt32(0));
        if (requeue)
            foreach (int number in numbers)
            {
                Execute("UPDATE trials SET state = 'WAITING' WHERE study_id = @s AND number = @n", ("n", number));
                Execute("DELETE FROM trial_heartbeats WHERE trial_id = (SELECT trial_id FROM trials WHERE study_id = @s AND number = @n)", ("n", number));
            }
        return numbers.Select(n => _storage.Proposals[n]).ToArray();
    }

    public void Requeue(int trialId)
    {
        Execute("UPDATE trials SET state = 'WAITING' WHERE study_id = @s AND number = @n AND state = 'RUNNING'", ("n", trialId));
        Execute("DELETE FROM trial_heartbeats WHERE trial_id = (SELECT trial_id FROM trials WHERE study_id = @s AND number = @n)", ("n", trialId));
    }

    public TrialSuggestion? ClaimWaiting()
    {
        var number = Scalar("SELECT number FROM trials WHERE study_id = @s AND state = 'WAITING' ORDER BY number LIMIT 1");
        if (number is not int n)
            return null;
        Execute("UPDATE trials SET state = 'RUNNING', datetime_start = LOCALTIMESTAMP WHERE study_id = @s AND number = @n", ("n", n));
        Execute("INSERT INTO trial_heartbeats (trial_id, heartbeat) SELECT trial_id, LOCALTIMESTAMP FROM trials WHERE study_id = @s AND number = @n " +
            "ON CONFLICT (trial_id) DO UPDATE SET heartbeat = EXCLUDED.heartbeat", ("n", n));
        return _storage.Proposals[n];
    }

    private void AddTrial(TrialSuggestion suggestion)
    {
        _storage.Proposals[suggestion.Id] = suggestion;
        int trialId = (int)Scalar("INSERT INTO trials (number, study_id, state, datetime_start) VALUES (@n, @s, 'RUNNING', LOCALTIMESTAMP) RETURNING trial_id",
            ("n", suggestion.Id))!;
        var space = _storage.Space!;
        foreach (var (name, value) in suggestion.Parameters)
        {
            var descriptor = space[name];
            Execute("INSERT INTO trial_params (trial_id, param_name, param_value, distribution_json) VALUES (@t, @name, @v, @d)",
                ("t", trialId), ("name", name), ("v", OptunaDistributions.InternalValue(descriptor, value)), ("d", OptunaDistributions.Json(descriptor)));
        }
        if (suggestion.Budget is { } budget)
            Execute("INSERT INTO trial_system_attributes (trial_id, key, value_json) VALUES (@t, 'mlext:budget', @v)", ("t", trialId), ("v", Number(budget)));
        Execute("INSERT INTO trial_heartbeats (trial_id, heartbeat) VALUES (@t, LOCALTIMESTAMP)", ("t", trialId));
    }

    private static (double? Value, string Type) IntermediateValue(double v) =>
        double.IsNaN(v) ? (null, "NAN") : double.IsPositiveInfinity(v) ? (null, "INF_POS") : double.IsNegativeInfinity(v) ? (null, "INF_NEG") : (v, "FINITE");

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private void Execute(string sql, params (string Name, object? Value)[] parameters) =>
        _storage.Execute(_connection, _transaction, sql, [("s", _storage.StudyId), .. parameters]);

    private object? Scalar(string sql, params (string Name, object? Value)[] parameters) =>
        _storage.Scalar(_connection, _transaction, sql, [("s", _storage.StudyId), .. parameters]);
}
