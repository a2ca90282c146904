namespace MLExt.Tests.AutoML.Studies;

/// <summary>The PostgreSQL server of the tests: the address in MLEXT_TEST_POSTGRES, which tools/services/postgres.sh prints.</summary>
internal static class PostgresServer
{
    /// <summary>The server's address, or null when the variable is not set.</summary>
    public static string? Address { get; } = Environment.GetEnvironmentVariable("MLEXT_TEST_POSTGRES") is { Length: > 0 } a ? a : null;

    public const string Missing =
        "No PostgreSQL server: MLEXT_TEST_POSTGRES is not set. Run 'eval \"$(tools/services/postgres.sh start)\"' first (it installs and starts one).";

    /// <summary>A study name no other test run uses.</summary>
    public static string UniqueStudyName(string prefix) => $"{prefix}-{Guid.NewGuid():N}";
}

/// <summary>A fact that is skipped, with the reason and how to start a server, when no PostgreSQL server is given.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresServer.Address is null)
            Skip = PostgresServer.Missing;
    }
}
