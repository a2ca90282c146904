using System.Reflection;

namespace MLExt.AutoML;

/// <summary>Builds a <see cref="SearchSpace"/> from the search attributes on an options class.</summary>
internal static class OptionsSpaceReader
{
    public static SearchSpace Read(Type type)
    {
        var space = new SearchSpace();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.MetadataToken))
        {
            var when = property.GetCustomAttribute<SearchWhenAttribute>();
            if (when is null) AddProperty(space, property);
            else space.When(when.Parameter, when.Choices.ToArray(), s => AddProperty(s, property));
        }
        return space;
    }

    private static void AddProperty(SearchSpace space, PropertyInfo property)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        string name = property.Name;
        if (property.GetCustomAttribute<SearchFloatAttribute>() is { } f)
        {
            Expect(property, type == typeof(double) || type == typeof(float), "a double or float");
            space.Float(name, f.Min, f.Max, f.Log, f.DefaultValue);
        }
        else if (property.GetCustomAttribute<SearchIntAttribute>() is { } i)
        {
            Expect(property, type == typeof(int), "an int");
            space.Int(name, i.Min, i.Max, i.Log, i.DefaultValue);
        }
        else if (property.GetCustomAttribute<SearchChoiceAttribute>() is { } c)
        {
            Expect(property, type == typeof(string) || type.IsEnum, "a string or an enum");
            var choices = c.Choices.Count == 0 && type.IsEnum ? Enum.GetNames(type) : c.Choices;
            space.Choice(name, choices, c.Default);
        }
        else if (property.GetCustomAttribute<SearchWhenAttribute>() is not null)
        {
            throw new ArgumentException($"Property '{name}' has [SearchWhen] but no [SearchFloat], [SearchInt] or [SearchChoice].", name);
        }
    }

    private static void Expect(PropertyInfo property, bool ok, string what)
    {
        if (!ok) throw new ArgumentException($"Search parameter '{property.Name}' must be {what} property; it is {property.PropertyType.Name}.", property.Name);
        if (!property.CanWrite) throw new ArgumentException($"Search parameter '{property.Name}' must have a public setter.", property.Name);
    }
}
