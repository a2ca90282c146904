using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MLExt.AutoML;

/// <summary>
/// One point of a search space: an immutable map from parameter name to value, where a value is a
/// double, an int or a string. Keeps the order in which values were given (the search space's
/// declaration order for decoded points); equality ignores that order.
/// </summary>
public sealed class Parameters : IReadOnlyDictionary<string, object>, IEquatable<Parameters>
{
    private readonly KeyValuePair<string, object>[] _items;
    private readonly Dictionary<string, object> _map;

    /// <summary>No parameters.</summary>
    public static Parameters Empty { get; } = new([]);

    /// <summary>Creates a point from name/value pairs.</summary>
    /// <exception cref="ArgumentException">A name is empty or repeated, or a value is not a finite double, an int or a string (a float is widened to double).</exception>
    public Parameters(IEnumerable<KeyValuePair<string, object>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var items = new List<KeyValuePair<string, object>>();
        _map = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (name, raw) in values)
        {
            if (string.IsNullOrEmpty(name)) throw new ArgumentException("A parameter needs a non-empty name.", nameof(values));
            object value = raw switch
            {
                double d when double.IsFinite(d) => d,
                float f when float.IsFinite(f) => (double)f,
                int i => i,
                string s => s,
                _ => throw new ArgumentException($"Parameter '{name}' must be a finite double, an int or a string; got {raw ?? "null"}.", nameof(values)),
            };
            if (!_map.TryAdd(name, value)) throw new ArgumentException($"Parameter '{name}' is given twice.", nameof(values));
            items.Add(new(name, value));
        }
        _items = items.ToArray();
    }

    /// <summary>The names, in order.</summary>
    public IReadOnlyList<string> Names => Array.ConvertAll(_items, p => p.Key);

    /// <summary>The number of parameters.</summary>
    public int Count => _items.Length;

    /// <summary>The value of parameter <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">There is no such parameter.</exception>
    public object this[string name] => _map.TryGetValue(name, out var v) ? v : throw Missing(name);

    IEnumerable<string> IReadOnlyDictionary<string, object>.Keys => Names;

    IEnumerable<object> IReadOnlyDictionary<string, object>.Values => Array.ConvertAll(_items, p => p.Value);

    /// <summary>Whether parameter <paramref name="name"/> is present (that is, active).</summary>
    public bool Contains(string name) => _map.ContainsKey(name);

    bool IReadOnlyDictionary<string, object>.ContainsKey(string key) => Contains(key);

    /// <summary>Gets the value of <paramref name="name"/> if present.</summary>
    public bool TryGetValue(string name, out object value) => _map.TryGetValue(name, out value!);

    /// <summary>The value of <paramref name="name"/> as a double (an int is widened).</summary>
    /// <exception cref="KeyNotFoundException">There is no such parameter.</exception>
    /// <exception cref="InvalidOperationException">The value is a string.</exception>
    public double GetDouble(string name) => this[name] switch
    {
        double d => d,
        int i => i,
        var v => throw new InvalidOperationException($"Parameter '{name}' is the string '{v}', not a number."),
    };

    /// <summary>The value of <paramref name="name"/> as an int (a whole double is accepted).</summary>
    /// <exception cref="KeyNotFoundException">There is no such parameter.</exception>
    /// <exception cref="InvalidOperationException">The value is a string or a non-integral double.</exception>
    public int GetInt32(string name) => this[name] switch
    {
        int i => i,
        double d when d == Math.Floor(d) && Math.Abs(d) <= int.MaxValue => (int)d,
        var v => throw new InvalidOperationException($"Parameter '{name}' is {Format(v)}, not an integer."),
    };

    /// <summary>The value of <paramref name="name"/> as a string.</summary>
    /// <exception cref="KeyNotFoundException">There is no such parameter.</exception>
    /// <exception cref="InvalidOperationException">The value is a number.</exception>
    public string GetString(string name) => this[name] as string
        ?? throw new InvalidOperationException($"Parameter '{name}' is the number {Format(this[name])}, not a string.");

    /// <summary>A copy with <paramref name="name"/> set to <paramref name="value"/> (replaced if present, appended otherwise).</summary>
    public Parameters With(string name, object value)
    {
        var items = _items.ToList();
        int at = items.FindIndex(p => p.Key == name);
        if (at >= 0) items[at] = new(name, value);
        else items.Add(new(name, value));
        return new Parameters(items);
    }

    /// <summary>The parameters as one JSON object; doubles always carry a '.' or an exponent so that <see cref="FromJson"/> restores their type, and round-trip exactly.</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in _items)
            {
                writer.WritePropertyName(name);
                switch (value)
                {
                    case string s: writer.WriteStringValue(s); break;
                    case int i: writer.WriteNumberValue(i); break;
                    default: writer.WriteRawValue(FormatDouble((double)value)); break;
                }
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Reads parameters written by <see cref="ToJson"/>: numbers with a '.' or an exponent are doubles, others ints.</summary>
    /// <exception cref="JsonException">The text is not a JSON object of numbers and strings.</exception>
    public static Parameters FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object) throw new JsonException("Parameters are stored as a JSON object.");
        var items = new List<KeyValuePair<string, object>>();
        foreach (var property in document.RootElement.EnumerateObject())
        {
            var e = property.Value;
            object value = e.ValueKind switch
            {
                JsonValueKind.String => e.GetString()!,
                JsonValueKind.Number => e.GetRawText().AsSpan().IndexOfAny(".eE") < 0 && e.TryGetInt32(out int i) ? (object)i : e.GetDouble(),
                _ => throw new JsonException($"Parameter '{property.Name}' must be a number or a string; got {e.ValueKind}."),
            };
            items.Add(new(property.Name, value));
        }
        return new Parameters(items);
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object>>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public bool Equals(Parameters? other)
    {
        if (other is null || other.Count != Count) return false;
        foreach (var (name, value) in _items)
            if (!other._map.TryGetValue(name, out var o) || !o.Equals(value)) return false;
        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Parameters);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        int hash = 0;
        foreach (var (name, value) in _items) hash += HashCode.Combine(name, value);
        return hash;
    }

    /// <summary>A readable form, such as "LearningRate=0.0031, Layers=2, Activation=relu".</summary>
    public override string ToString() => string.Join(", ", _items.Select(p => $"{p.Key}={Format(p.Value)}"));

    private static string Format(object value) => value switch
    {
        double d => d.ToString("G4", CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        _ => value.ToString()!,
    };

    private static string FormatDouble(double d)
    {
        string text = d.ToString("R", CultureInfo.InvariantCulture);
        return text.AsSpan().IndexOfAny(".eE") < 0 ? text + ".0" : text;
    }

    private static KeyNotFoundException Missing(string name) => new($"There is no parameter '{name}'.");
}
