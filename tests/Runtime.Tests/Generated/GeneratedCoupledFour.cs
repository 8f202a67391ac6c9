namespace NeuralOdeGen.Runtime.Tests.Generated;

/// <summary>
/// Four coupled states with a full 4×4 coefficient matrix and a damped product term: 17 parameters, so the forward
/// sensitivities carry 4 × 18 = 72 doubles per sample (more than one group of 32 vectors holds in 2 048 vectors).
/// </summary>
public partial struct GeneratedCoupledFour
{
    [Dynamics]
    public static (double X0, double X1, double X2, double X3) Rhs(
        double x0, double x1, double x2, double x3,
        [Param] double a00, [Param] double a01, [Param] double a02, [Param] double a03,
        [Param] double a10, [Param] double a11, [Param] double a12, [Param] double a13,
        [Param] double a20, [Param] double a21, [Param] double a22, [Param] double a23,
        [Param] double a30, [Param] double a31, [Param] double a32, [Param] double a33,
        [Param] double c)
        => (a00 * x0 + a01 * x1 + a02 * x2 + a03 * x3 - c * x0 * x1,
            a10 * x0 + a11 * x1 + a12 * x2 + a13 * x3 + c * x0 * x1,
            a20 * x0 + a21 * x1 + a22 * x2 + a23 * x3 - c * x2 * x3,
            a30 * x0 + a31 * x1 + a32 * x2 + a33 * x3 + c * x2 * x3);
}
