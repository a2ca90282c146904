namespace MLExt.Cli.Models;

/// <summary>The trainers <c>mlext cv</c> can compare.</summary>
internal enum TrainerKind
{
    /// <summary>MLExt's neural network.</summary>
    Nn,

    /// <summary>ML.NET's L-BFGS logistic regression (binary) or maximum entropy (multiclass); classification only.</summary>
    Lbfgs,

    /// <summary>ML.NET's L-BFGS Poisson regression: regression of counts, labels ≥ 0.</summary>
    LbfgsPoisson,

    /// <summary>ML.NET's SDCA: logistic regression, maximum entropy, or least-squares linear regression.</summary>
    Sdca,

    /// <summary>ML.NET's FastTree boosted trees (one-versus-all for multiclass).</summary>
    FastTree,

    /// <summary>ML.NET's LightGBM.</summary>
    LightGbm,
}
