using System;
using MathNet.Numerics.LinearAlgebra;

namespace NeuralOdeGen;

/// <summary>
/// Diagnoses why an explicit adaptive solve collapsed: when the state Jacobian at the failure point has an eigenvalue
/// whose real part <c>λ</c> is negative with <c>|λ|·horizon ≥ </c><see cref="StiffnessRatio"/>, the solver's step was
/// pinned by stability rather than accuracy, and an implicit method would take far fewer steps.
/// </summary>
internal static class StiffnessDetector
{
    /// <summary>
    /// The threshold on <c>|Re λ|·horizon</c>: an explicit method needs at least about this many steps (times a
    /// constant ≈ 1/3) for stability alone, far more than a smooth solution needs for accuracy.
    /// </summary>
    public const double StiffnessRatio = 1000.0;

    /// <summary>
    /// Returns <paramref name="failure"/> with the stiffness diagnosis when the Jacobian at its state shows stiffness,
    /// or <see langword="null"/> when it does not (or is not finite). Runs once per failed solve; allocates freely.
    /// </summary>
    public static OdeSolverException? Diagnose<TModel>(OdeSolverException failure, ReadOnlySpan<double> parameters, double horizon)
        where TModel : struct, IOdeModel<TModel>
    {
        int n = TModel.StateCount;
        double[] jacobian = new double[n * n];
        TModel.StateJacobian(failure.Time, failure.State, parameters, jacobian);
        foreach (double value in jacobian)
        {
            if (!double.IsFinite(value))
            {
                return null;
            }
        }

        // Eigenvalues of a small dense matrix (MathNet's Evd); n is the model's state count.
        Matrix<double> matrix = Matrix<double>.Build.DenseOfRowMajor(n, n, jacobian);
        double mostNegative = 0.0;
        foreach (System.Numerics.Complex eigenvalue in matrix.Evd().EigenValues)
        {
            mostNegative = Math.Min(mostNegative, eigenvalue.Real);
        }

        return -mostNegative * Math.Abs(horizon) >= StiffnessRatio ? failure.AsStiff(mostNegative, Math.Abs(horizon)) : null;
    }
}
