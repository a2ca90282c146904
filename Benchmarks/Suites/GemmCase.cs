namespace MLExt.Benchmarks.Suites;

/// <summary>One GEMM shape: C[m×n] = op(A)·op(B).</summary>
internal sealed record GemmCase(string Name, bool TransposeA, bool TransposeB, int M, int N, int K)
{
    /// <summary>Floating-point operations of one product (a multiply and an add per term).</summary>
    public double Flops => 2.0 * M * N * K;

    /// <summary>The form, such as <c>NN</c> or <c>TN</c>.</summary>
    public string Form => $"{(TransposeA ? 'T' : 'N')}{(TransposeB ? 'T' : 'N')}";

    /// <summary>Square products from 64 to 2048, then the shapes the MLP and the CNN run at batch 64.</summary>
    public static IReadOnlyList<GemmCase> Standard(bool quick)
    {
        var cases = new List<GemmCase>();
        foreach (int s in quick ? new[] { 128, 512, 1024 } : new[] { 64, 128, 256, 512, 1024, 2048 })
            cases.Add(new($"square {s}", false, false, s, s, s));
        // MLP 784-256-128-10, batch 64: forward x·W, weight gradient xᵀ·dz, input gradient dz·Wᵀ.
        cases.Add(new("mlp dense1 forward", false, false, 64, 256, 784));
        cases.Add(new("mlp dense1 dW", true, false, 784, 256, 64));
        cases.Add(new("mlp dense1 dx", false, true, 64, 784, 256));
        cases.Add(new("mlp dense2 forward", false, false, 64, 128, 256));
        if (!quick)
        {
            cases.Add(new("mlp dense2 dW", true, false, 256, 128, 64));
            cases.Add(new("mlp dense2 dx", false, true, 64, 256, 128));
        }
        // CNN conv(5×5, 32)–pool–conv(5×5, 64), batch 64, as im2col products (valid convolutions):
        // conv1 [64·24·24 positions × 25] · [25 × 32], conv2 [64·8·8 × 800] · [800 × 64].
        cases.Add(new("cnn conv1 im2col", false, false, 64 * 24 * 24, 32, 25));
        cases.Add(new("cnn conv2 im2col", false, false, 64 * 8 * 8, 64, 800));
        if (!quick) cases.Add(new("cnn conv2 dW", true, false, 800, 64, 64 * 8 * 8));
        return cases;
    }
}
