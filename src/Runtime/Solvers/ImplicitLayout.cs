namespace NeuralOdeGen;

/// <summary>
/// How an implicit stepper's state splits around the one LU it factorises per step: a stiff block of
/// <see cref="StiffDimension"/> components whose Jacobian <c>J</c> the system writes, <see cref="Replicas"/> blocks of the
/// same size whose own Jacobian is the same <c>J</c> (forward sensitivities <c>S' = J S + ∂f/∂θ</c>), and
/// <see cref="Quadratures"/> components that do not depend on themselves (the adjoint's <c>μ' = −(∂f/∂θ)ᵀλ</c>).
/// The iteration matrix of the whole system is then block lower triangular with one distinct diagonal block, so one
/// LU of size <see cref="StiffDimension"/> serves every block; the off-diagonal blocks (the dependence of the replicas
/// and quadratures on the stiff block) come from <see cref="IJacobianSystem.CouplingProduct"/>.
/// </summary>
/// <param name="StiffDimension">The size of the stiff block and of each replica (≥ 1).</param>
/// <param name="Replicas">The number of blocks that share the stiff block's Jacobian.</param>
/// <param name="Quadratures">The number of trailing components integrated as quadratures.</param>
internal readonly record struct ImplicitLayout(int StiffDimension, int Replicas, int Quadratures)
{
    /// <summary>Gets the total number of integrated components.</summary>
    public int Dimension => (StiffDimension * (1 + Replicas)) + Quadratures;

    /// <summary>Gets a value indicating whether anything beyond the stiff block is integrated.</summary>
    public bool IsAugmented => Replicas > 0 || Quadratures > 0;

    /// <summary>A plain model solve: the stiff block only.</summary>
    public static ImplicitLayout Plain(int dimension) => new(dimension, 0, 0);
}
