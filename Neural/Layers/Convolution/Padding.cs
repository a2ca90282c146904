using System.Globalization;

namespace MLExt.Neural;

/// <summary>
/// How a convolution or pooling window treats the image border: <see cref="Valid"/> (no padding, the
/// output shrinks), <see cref="Same"/> (zero padding so that the output is ⌈input / stride⌉; an odd
/// extra row or column goes at the bottom or right, as in TensorFlow and ONNX <c>SAME_UPPER</c>), or
/// explicit amounts per side.
/// </summary>
public sealed class Padding : IEquatable<Padding>
{
    private enum Kind { Valid, Same, Explicit }

    private readonly Kind _kind;

    private Padding(Kind kind, int top, int bottom, int left, int right)
    {
        _kind = kind;
        (Top, Bottom, Left, Right) = (top, bottom, left, right);
    }

    /// <summary>No padding.</summary>
    public static Padding Valid { get; } = new(Kind.Valid, 0, 0, 0, 0);

    /// <summary>Zero padding that keeps the output at ⌈input / stride⌉.</summary>
    public static Padding Same { get; } = new(Kind.Same, 0, 0, 0, 0);

    /// <summary>Pads every side by <paramref name="amount"/>.</summary>
    public static Padding Explicit(int amount) => Explicit(amount, amount, amount, amount);

    /// <summary>Pads top and bottom by <paramref name="vertical"/>, left and right by <paramref name="horizontal"/>.</summary>
    public static Padding Explicit(int vertical, int horizontal) => Explicit(vertical, vertical, horizontal, horizontal);

    /// <summary>Pads each side by its own amount.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An amount is negative.</exception>
    public static Padding Explicit(int top, int bottom, int left, int right)
    {
        if (top < 0 || bottom < 0 || left < 0 || right < 0)
            throw new ArgumentOutOfRangeException(nameof(top), $"Padding amounts must not be negative, got top {top}, bottom {bottom}, left {left}, right {right}.");
        return new(Kind.Explicit, top, bottom, left, right);
    }

    /// <summary>Whether this is <see cref="Same"/>, whose amounts depend on the input size.</summary>
    public bool IsSame => _kind == Kind.Same;

    /// <summary>Rows added above (explicit padding only).</summary>
    public int Top { get; }

    /// <summary>Rows added below (explicit padding only).</summary>
    public int Bottom { get; }

    /// <summary>Columns added on the left (explicit padding only).</summary>
    public int Left { get; }

    /// <summary>Columns added on the right (explicit padding only).</summary>
    public int Right { get; }

    /// <summary>The padding before and after one axis of <paramref name="size"/> for a window of <paramref name="window"/> (dilated) and a stride.</summary>
    internal (int Before, int After) Resolve(int size, int window, int stride, bool vertical)
    {
        switch (_kind)
        {
            case Kind.Valid: return (0, 0);
            case Kind.Explicit: return vertical ? (Top, Bottom) : (Left, Right);
            default:
                int output = (size + stride - 1) / stride;
                int total = Math.Max((output - 1) * stride + window - size, 0);
                return (total / 2, total - total / 2);
        }
    }

    /// <summary><c>valid</c>, <c>same</c> or <c>top,bottom,left,right</c>; <see cref="Parse"/> reads it back.</summary>
    public override string ToString() => _kind switch
    {
        Kind.Valid => "valid",
        Kind.Same => "same",
        _ => string.Create(CultureInfo.InvariantCulture, $"{Top},{Bottom},{Left},{Right}"),
    };

    /// <summary>Reads <see cref="ToString"/>'s form.</summary>
    /// <exception cref="FormatException">Neither <c>valid</c>, <c>same</c> nor four integers.</exception>
    public static Padding Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text == "valid") return Valid;
        if (text == "same") return Same;
        var parts = text.Split(',');
        if (parts.Length == 4 && parts.All(p => int.TryParse(p, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v >= 0))
        {
            var v = parts.Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
            return Explicit(v[0], v[1], v[2], v[3]);
        }
        throw new FormatException($"Padding '{text}' is not 'valid', 'same' or four non-negative integers 'top,bottom,left,right'.");
    }

    /// <inheritdoc/>
    public bool Equals(Padding? other) => other is not null && ToString() == other.ToString();

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Padding);

    /// <inheritdoc/>
    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);
}
