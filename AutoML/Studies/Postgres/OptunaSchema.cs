using Npgsql;

namespace MLExt.AutoML;

/// <summary>
/// The tables of Optuna's relational storage at the schema Optuna 3.1 reads (alembic revision <c>v3.0.0.d</c>,
/// <c>version_info.schema_version</c> 12), so that <c>optuna.load_study</c> and optuna-dashboard open MLExt's studies, plus
/// MLExt's own <c>mlext_events</c>: the study's log of tuner calls, which Optuna ignores.
/// </summary>
/// <remarks>
/// Facts from Optuna's <c>optuna/storages/_rdb/models.py</c> and alembic revisions: enums are PostgreSQL enum types named after
/// the Python enum classes and hold the member names; floats are double precision; a trial's value sits in
/// <c>trial_values</c> with a <c>value_type</c> (FINITE, INF_POS, INF_NEG); attribute values and distributions are JSON text.
/// </remarks>
internal static class OptunaSchema
{
    /// <summary>The alembic revision of Optuna 3.1's schema.</summary>
    public const string AlembicRevision = "v3.0.0.d";

    /// <summary>Optuna's <c>SCHEMA_VERSION</c>, kept in <c>version_info</c>.</summary>
    public const int SchemaVersion = 12;

    /// <summary>The Optuna release whose schema this is, recorded as <c>library_version</c>.</summary>
    public const string LibraryVersion = "3.1.0";

    // An arbitrary constant: the advisory lock that lets one worker at a time create the tables.
    private const long CreateLock = 0x4D4C457874_5047;

    private static readonly string[] Statements =
    [
        "DO $$ BEGIN CREATE TYPE studydirection AS ENUM ('NOT_SET', 'MINIMIZE', 'MAXIMIZE'); EXCEPTION WHEN duplicate_object THEN NULL; END $$",
        "DO $$ BEGIN CREATE TYPE trialstate AS ENUM ('RUNNING', 'COMPLETE', 'PRUNED', 'FAIL', 'WAITING'); EXCEPTION WHEN duplicate_object THEN NULL; END $$",
        "DO $$ BEGIN CREATE TYPE trialvaluetype AS ENUM ('FINITE', 'INF_POS', 'INF_NEG'); EXCEPTION WHEN duplicate_object THEN NULL; END $$",
        "DO $$ BEGIN CREATE TYPE trialintermediatevaluetype AS ENUM ('FINITE', 'INF_POS', 'INF_NEG', 'NAN'); EXCEPTION WHEN duplicate_object THEN NULL; END $$",
        "CREATE TABLE IF NOT EXISTS studies (study_id SERIAL PRIMARY KEY, study_name VARCHAR(512) NOT NULL)",
        "CREATE UNIQUE INDEX IF NOT EXISTS ix_studies_study_name ON studies (study_name)",
        "CREATE TABLE IF NOT EXISTS version_info (version_info_id INTEGER PRIMARY KEY CHECK (version_info_id = 1), " +
            "schema_version INTEGER, library_version VARCHAR(256))",
        "CREATE TABLE IF NOT EXISTS study_directions (study_direction_id SERIAL PRIMARY KEY, direction studydirection NOT NULL, " +
            "study_id INTEGER NOT NULL REFERENCES studies (study_id), objective INTEGER NOT NULL, UNIQUE (study_id, objective))",
        "CREATE TABLE IF NOT EXISTS study_user_attributes (study_user_attribute_id SERIAL PRIMARY KEY, " +
            "study_id INTEGER REFERENCES studies (study_id), key VARCHAR(512), value_json TEXT, UNIQUE (study_id, key))",
        "CREATE TABLE IF NOT EXISTS study_system_attributes (study_system_attribute_id SERIAL PRIMARY KEY, " +
            "study_id INTEGER REFERENCES studies (study_id), key VARCHAR(512), value_json TEXT, UNIQUE (study_id, key))",
        "CREATE TABLE IF NOT EXISTS trials (trial_id SERIAL PRIMARY KEY, number INTEGER, study_id INTEGER REFERENCES studies (study_id), " +
            "state trialstate NOT NULL, datetime_start TIMESTAMP WITHOUT TIME ZONE, datetime_complete TIMESTAMP WITHOUT TIME ZONE)",
        "CREATE TABLE IF NOT EXISTS trial_user_attributes (trial_user_attribute_id SERIAL PRIMARY KEY, " +
            "trial_id INTEGER REFERENCES trials (trial_id), key VARCHAR(512), value_json TEXT, UNIQUE (trial_id, key))",
        "CREATE TABLE IF NOT EXISTS trial_system_attributes (trial_system_attribute_id SERIAL PRIMARY KEY, " +
            "trial_id INTEGER REFERENCES trials (trial_id), key VARCHAR(512), value_json TEXT, UNIQUE (trial_id, key))",
        "CREATE TABLE IF NOT EXISTS trial_params (param_id SERIAL PRIMARY KEY, trial_id INTEGER REFERENCES trials (trial_id), " +
            "param_name VARCHAR(512), param_value DOUBLE PRECISION, distribution_json TEXT, UNIQUE (trial_id, param_name))",
        "CREATE TABLE IF NOT EXISTS trial_values (trial_value_id SERIAL PRIMARY KEY, trial_id INTEGER NOT NULL REFERENCES trials (trial_id), " +
            "objective INTEGER NOT NULL, value DOUBLE PRECISION, value_type trialvaluetype NOT NULL, UNIQUE (trial_id, objective))",
        "CREATE TABLE IF NOT EXISTS trial_intermediate_values (trial_intermediate_value_id SERIAL PRIMARY KEY, " +
            "trial_id INTEGER NOT NULL REFERENCES trials (trial_id), step INTEGER NOT NULL, intermediate_value DOUBLE PRECISION, " +
            "intermediate_value_type trialintermediatevaluetype NOT NULL, UNIQUE (trial_id, step))",
        "CREATE TABLE IF NOT EXISTS trial_heartbeats (trial_heartbeat_id SERIAL PRIMARY KEY, " +
            "trial_id INTEGER NOT NULL REFERENCES trials (trial_id), heartbeat TIMESTAMP WITHOUT TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP, " +
            "UNIQUE (trial_id))",
        "CREATE TABLE IF NOT EXISTS alembic_version (version_num VARCHAR(32) NOT NULL, CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))",
        "CREATE TABLE IF NOT EXISTS mlext_events (event_id BIGSERIAL PRIMARY KEY, study_id INTEGER NOT NULL REFERENCES studies (study_id), " +
            "payload TEXT NOT NULL)",
        "CREATE INDEX IF NOT EXISTS ix_mlext_events_study ON mlext_events (study_id, event_id)",
        "CREATE INDEX IF NOT EXISTS ix_trials_study_state ON trials (study_id, state)",
    ];

    /// <summary>
    /// Creates the tables when the database has none, and checks the schema revision when it has them.
    /// </summary>
    /// <exception cref="StudyStorageException">The database holds another revision of Optuna's schema.</exception>
    public static void Ensure(NpgsqlConnection connection, string storage)
    {
        using var transaction = connection.BeginTransaction();
        Execute(connection, transaction, $"SELECT pg_advisory_xact_lock({CreateLock})");
        using (var probe = new NpgsqlCommand("SELECT to_regclass('alembic_version') IS NOT NULL", connection, transaction))
        {
            if ((bool)probe.ExecuteScalar()!)
            {
                string? revision;
                using (var read = new NpgsqlCommand("SELECT version_num FROM alembic_version", connection, transaction))
                    revision = read.ExecuteScalar() as string;
                if (revision != AlembicRevision)
                    throw new StudyStorageException(
                        $"{storage} holds Optuna's schema revision '{revision ?? "none"}'; MLExt reads revision '{AlembicRevision}' " +
                        "(Optuna 3.1). Use another database, or migrate this one with the matching 'optuna storage upgrade'.");
            }
        }
        foreach (string statement in Statements)
            Execute(connection, transaction, statement);
        Execute(connection, transaction,
            $"INSERT INTO alembic_version (version_num) SELECT '{AlembicRevision}' WHERE NOT EXISTS (SELECT 1 FROM alembic_version)");
        Execute(connection, transaction,
            $"INSERT INTO version_info (version_info_id, schema_version, library_version) VALUES (1, {SchemaVersion}, '{LibraryVersion}') " +
            "ON CONFLICT (version_info_id) DO NOTHING");
        transaction.Commit();
    }

    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        command.ExecuteNonQuery();
    }
}
