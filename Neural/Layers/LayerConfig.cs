using System.Globalization;

namespace MLExt.Neural;

/// <summary>
/// A layer's type and hyperparameters (never its weights) as invariant-culture text, so that a
/// layer can be described, compared, stored and rebuilt with <see cref="Layer.FromConfig"/>.
/// </summary>
public sealed class LayerConfig : IEquatable<LayerConfig>
{
    private readonly SortedDictionary<string, string> _settings = new(StringComparer.Ordinal);

    /// <summary>Creates an empty configuration for a layer type such as <c>Dense</c>.</summary>
    public LayerConfig(string type)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        Type = type;
    }

    /// <summary>The layer type name.</summary>
    public string Type { get; }

    /// <summary>The settings, sorted by name.</summary>
    public IReadOnlyDictionary<string, string> Settings => _settings;

    /// <summary>Composite layers keep their inner layers' configurations here, in order.</summary>
    public List<LayerConfig> Children { get; } = [];

    /// <summary>Sets a setting (fluent).</summary>
    public LayerConfig Set(string name, string value) { _settings[name] = value; return this; }

    /// <summary>Sets an integer setting (fluent).</summary>
    public LayerConfig Set(string name, int value) => Set(name, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Sets a float setting, round-trippable (fluent).</summary>
    public LayerConfig Set(string name, float value) => Set(name, value.ToString("R", CultureInfo.InvariantCulture));

    /// <summary>Sets a Boolean setting (fluent).</summary>
    public LayerConfig Set(string name, bool value) => Set(name, value ? "true" : "false");

    /// <summary>Sets an enum setting by name (fluent).</summary>
    public LayerConfig Set<TEnum>(string name, TEnum value) where TEnum : struct, Enum => Set(name, value.ToString());

    /// <summary>Sets an integer-list setting such as a shape (fluent).</summary>
    public LayerConfig Set(string name, int[] values) => Set(name, string.Join(",", values.Select(v => v.ToString(CultureInfo.InvariantCulture))));

    /// <summary>Reads a string setting.</summary>
    /// <exception cref="FormatException">The setting is missing.</exception>
    public string GetString(string name) =>
        _settings.TryGetValue(name, out var v) ? v : throw new FormatException($"Layer config '{Type}' has no setting '{name}'.");

    /// <summary>Reads an integer setting.</summary>
    public int GetInt(string name) => int.Parse(GetString(name), NumberStyles.Integer, CultureInfo.InvariantCulture);

    /// <summary>Reads a float setting.</summary>
    public float GetFloat(string name) => float.Parse(GetString(name), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>Reads a Boolean setting.</summary>
    public bool GetBool(string name) => GetString(name) == "true";

    /// <summary>Reads an enum setting.</summary>
    public TEnum GetEnum<TEnum>(string name) where TEnum : struct, Enum => Enum.Parse<TEnum>(GetString(name));

    /// <summary>Reads an integer-list setting.</summary>
    public int[] GetInts(string name)
    {
        var text = GetString(name);
        return text.Length == 0 ? [] : text.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
    }

    /// <summary>Whether a setting is present.</summary>
    public bool Has(string name) => _settings.ContainsKey(name);

    /// <inheritdoc/>
    public bool Equals(LayerConfig? other) =>
        other is not null && Type == other.Type && _settings.SequenceEqual(other._settings) && Children.SequenceEqual(other.Children);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as LayerConfig);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Type, _settings.Count, Children.Count);

    /// <summary>Such as <c>Dense(activation=Relu, units=256)</c>.</summary>
    public override string ToString()
    {
        var parts = _settings.Select(kv => $"{kv.Key}={kv.Value}").Concat(Children.Select(c => c.ToString()));
        return $"{Type}({string.Join(", ", parts)})";
    }
}
