namespace MLExt.Neural;

/// <summary>How integrated gradients approximates the path integral from the baseline to the input (Captum's methods).</summary>
public enum IntegrationRule
{
    /// <summary>Riemann sum at the left end of each of the equal intervals (alpha = i/n).</summary>
    RiemannLeft,

    /// <summary>Riemann sum at the right end of each interval (alpha = (i+1)/n).</summary>
    RiemannRight,

    /// <summary>Riemann sum at the middle of each interval (alpha = (i+1/2)/n).</summary>
    RiemannMiddle,

    /// <summary>Trapezoidal rule on n equally spaced points from 0 to 1, both ends included.</summary>
    RiemannTrapezoid,

    /// <summary>Gauss–Legendre quadrature with n nodes (exact for polynomial paths of degree 2n−1; Captum's default).</summary>
    GaussLegendre,
}
