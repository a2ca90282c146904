namespace MLExt.Neural.Kernels;

/// <summary>
/// Row counts of a micro-tile as types, so that the JIT compiles one micro-kernel per count with the
/// unused rows removed (edge tiles of 1 … MR rows run without wasted multiply-adds).
/// </summary>
internal static class GemmRows
{
    public interface ICount { static abstract int Count { get; } }

    public readonly struct R1 : ICount { public static int Count => 1; }
    public readonly struct R2 : ICount { public static int Count => 2; }
    public readonly struct R3 : ICount { public static int Count => 3; }
    public readonly struct R4 : ICount { public static int Count => 4; }
    public readonly struct R5 : ICount { public static int Count => 5; }
    public readonly struct R6 : ICount { public static int Count => 6; }
    public readonly struct R7 : ICount { public static int Count => 7; }
    public readonly struct R8 : ICount { public static int Count => 8; }
}
