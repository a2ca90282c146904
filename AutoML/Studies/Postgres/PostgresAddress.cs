using Npgsql;

namespace MLExt.AutoML;

/// <summary>
/// A PostgreSQL address as users write it: a URL (<c>postgresql://user:password@host:5432/database</c>, Optuna's and libpq's
/// form) or Npgsql's key-value connection string (<c>Host=…;Database=…;Username=…</c>).
/// </summary>
public static class PostgresAddress
{
    /// <summary>Whether <paramref name="storage"/> names a PostgreSQL database rather than a file.</summary>
    public static bool IsPostgres(string storage) =>
        storage.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
        || storage.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
        || storage.StartsWith("postgresql+psycopg2://", StringComparison.OrdinalIgnoreCase)
        || storage.Contains("Host=", StringComparison.OrdinalIgnoreCase);

    /// <summary>Npgsql's connection string for <paramref name="storage"/>.</summary>
    /// <exception cref="StudyStorageException">The address does not parse.</exception>
    public static NpgsqlConnectionStringBuilder Parse(string storage)
    {
        ArgumentException.ThrowIfNullOrEmpty(storage);
        try
        {
            return storage.Contains("://", StringComparison.Ordinal) ? FromUrl(storage) : new NpgsqlConnectionStringBuilder(storage);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or UriFormatException or KeyNotFoundException)
        {
            throw new StudyStorageException(
                $"The storage '{Redact(storage)}' does not parse ({e.Message}); write postgresql://USER:PASSWORD@HOST:PORT/DATABASE " +
                "or Host=HOST;Port=PORT;Database=DATABASE;Username=USER;Password=PASSWORD.", e);
        }
    }

    /// <summary>The address in words without its password: <c>postgresql://user@host:port/database</c>.</summary>
    public static string Describe(NpgsqlConnectionStringBuilder builder) =>
        $"postgresql://{(builder.Username is { Length: > 0 } user ? user + "@" : "")}{builder.Host}:{builder.Port}/{builder.Database}";

    private static NpgsqlConnectionStringBuilder FromUrl(string storage)
    {
        var uri = new Uri(storage);
        if (uri.Scheme is not ("postgresql" or "postgres" or "postgresql+psycopg2"))
            throw new FormatException($"unknown scheme '{uri.Scheme}'");
        string database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length == 0)
            throw new FormatException("no database after the host");
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port,
            Database = database,
        };
        if (uri.UserInfo.Length > 0)
        {
            string[] parts = uri.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2)
                builder.Password = Uri.UnescapeDataString(parts[1]);
        }
        foreach (string pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] kv = pair.Split('=', 2);
            string key = Uri.UnescapeDataString(kv[0]);
            string value = kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : "";
            if (key.Equals("sslmode", StringComparison.OrdinalIgnoreCase))
                builder.SslMode = Enum.Parse<SslMode>(value.Replace("-", ""), ignoreCase: true);
            else
                throw new FormatException($"unknown URL parameter '{key}'");
        }
        return builder;
    }

    /// <summary><paramref name="storage"/> with any password replaced by ***.</summary>
    public static string Redact(string storage)
    {
        if (storage.Contains("://", StringComparison.Ordinal))
        {
            int at = storage.IndexOf('@');
            int colon = storage.IndexOf(':', storage.IndexOf("://", StringComparison.Ordinal) + 3);
            return at > 0 && colon > 0 && colon < at ? storage[..(colon + 1)] + "***" + storage[at..] : storage;
        }
        return string.Join(';', storage.Split(';').Select(p =>
            p.TrimStart().StartsWith("Password", StringComparison.OrdinalIgnoreCase) ? "Password=***" : p));
    }
}
