using System.Text.Json;

namespace MLExt.AutoML;

/// <summary>
/// A parameter as Optuna stores it in <c>trial_params</c>: the distribution as JSON
/// (<c>{"name": "FloatDistribution", "attributes": {...}}</c>) and the value in its internal form, a double (a choice's index).
/// </summary>
internal static class OptunaDistributions
{
    /// <summary>The distribution JSON of <paramref name="descriptor"/>.</summary>
    public static string Json(ParameterDescriptor descriptor)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("name", descriptor.Kind switch
            {
                ParameterKind.Float => "FloatDistribution",
                ParameterKind.Int => "IntDistribution",
                _ => "CategoricalDistribution",
            });
            w.WriteStartObject("attributes");
            if (descriptor.Kind == ParameterKind.Choice)
            {
                w.WriteStartArray("choices");
                foreach (string choice in descriptor.Choices)
                    w.WriteStringValue(choice);
                w.WriteEndArray();
            }
            else
            {
                if (descriptor.Kind == ParameterKind.Int)
                {
                    w.WriteNumber("low", (int)descriptor.Min);
                    w.WriteNumber("high", (int)descriptor.Max);
                }
                else
                {
                    w.WriteNumber("low", descriptor.Min);
                    w.WriteNumber("high", descriptor.Max);
                }
                w.WriteBoolean("log", descriptor.IsLog);
                if (descriptor.Kind == ParameterKind.Int)
                    w.WriteNumber("step", 1);
                else
                    w.WriteNull("step");
            }
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Optuna's internal form of <paramref name="value"/>: the number, or a choice's index.</summary>
    public static double InternalValue(ParameterDescriptor descriptor, object value) => descriptor.Kind switch
    {
        ParameterKind.Choice => descriptor.IndexOf((string)value),
        ParameterKind.Int => Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture),
        _ => Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture),
    };
}
