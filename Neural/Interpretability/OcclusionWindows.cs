namespace MLExt.Neural;

/// <summary>The flat positions under each occlusion window slid over an input shape.</summary>
internal static class OcclusionWindows
{
    /// <summary>One array of row-major positions per window position; the last window in each dimension is moved
    /// back to end at the edge, so every value is covered.</summary>
    public static List<int[]> Of(int[] shape, int[]? window, int[]? strides)
    {
        int rank = shape.Length;
        window ??= Enumerable.Repeat(1, rank).ToArray();
        strides ??= window;
        Check(window, shape, nameof(AttributionOptions.Window));
        Check(strides, shape, nameof(AttributionOptions.Strides));
        var starts = new List<int>[rank];
        for (int d = 0; d < rank; d++)
        {
            starts[d] = [];
            for (int s = 0; ; s += strides[d])
            {
                int start = Math.Min(s, shape[d] - window[d]);
                if (starts[d].Count == 0 || starts[d][^1] != start) starts[d].Add(start);
                if (s + window[d] >= shape[d]) break;
            }
        }
        var result = new List<int[]>();
        var corner = new int[rank];
        AddWindows(0, shape, window, starts, corner, result);
        return result;
    }

    private static void AddWindows(int d, int[] shape, int[] window, List<int>[] starts, int[] corner, List<int[]> result)
    {
        if (d == shape.Length)
        {
            result.Add(Positions(shape, window, corner));
            return;
        }
        foreach (int start in starts[d])
        {
            corner[d] = start;
            AddWindows(d + 1, shape, window, starts, corner, result);
        }
    }

    private static int[] Positions(int[] shape, int[] window, int[] corner)
    {
        var positions = new List<int>();
        var offset = new int[shape.Length];
        while (true)
        {
            int flat = 0;
            for (int d = 0; d < shape.Length; d++) flat = flat * shape[d] + corner[d] + offset[d];
            positions.Add(flat);
            int k = shape.Length - 1;
            while (k >= 0 && ++offset[k] == window[k]) offset[k--] = 0;
            if (k < 0) return [.. positions];
        }
    }

    private static void Check(int[] values, int[] shape, string option)
    {
        if (values.Length != shape.Length || values.Where((v, d) => v < 1 || v > shape[d]).Any())
            throw new ArgumentException($"{option} [{string.Join(", ", values)}] must have one entry per input dimension, " +
                $"each from 1 to the input's size {Tensor.FormatShape(shape)}.", option);
    }
}
