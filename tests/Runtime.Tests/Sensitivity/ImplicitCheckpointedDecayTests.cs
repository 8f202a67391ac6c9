using System;
using NeuralOdeGen.Runtime.Tests.Models;

namespace NeuralOdeGen.Runtime.Tests.Sensitivity;

/// <summary>
/// The implicit checkpointed adjoint where the interpolated forward state matters (on Shear x₀ is linear in t, so any
/// interpolation of it is exact): <c>ẋ = a·x</c> from x(0) = 1 with a = −1, terminal loss ½·x(1)² (target 0, one
/// sample). Closed form: x(1) = e⁻¹, L = ½e⁻², ∂L/∂a = x(1)·∂x(1)/∂a = e⁻¹·(1·e⁻¹) = e⁻². The backward solve reads x(t) from
/// the record by cubic Hermite, which needs the derivative at every recorded point, the start included.
/// Also: a third-party workspace built through the public constructor refuses implicit solvers.
/// </summary>
public sealed class ImplicitCheckpointedDecayTests
{
    [Theory]
    [InlineData("Rodas4")]
    [InlineData("Kvaerno5")]
    public void TerminalLoss_ImplicitCheckpointedAdjoint_MatchesTheClosedForm(string solver)
    {
        Dataset data = Dataset.Terminal(1, [1.0], [0.0], 1.0);
        OdeSolver implicitSolver = solver == "Rodas4" ? OdeSolver.Rodas4(1e-10, 1e-12) : OdeSolver.Kvaerno5(1e-10, 1e-12);
        var problem = new TerminalProblem<Decay>(data, implicitSolver, new CheckpointedAdjoint(), maxDegreeOfParallelism: 1);

        GradientResult result = problem.Gradient([-1.0]);

        // rtol 1e-10 on the forward and backward solves and the interpolation error of the record (O(h⁴) with the steps
        // that tolerance gives): 1e-7 relative to e⁻² ≈ 0.135 is far above both and far below a missing derivative's error.
        double expected = Math.Exp(-2.0);
        Assert.Equal(0.5 * expected, result.Loss, 1e-9);
        Assert.Equal(expected, result.Gradient[0], 1e-7);
    }

    [Fact]
    public void PublicConstructor_ImplicitSolver_IsRefused()
    {
        var loss = new TerminalMse(Dataset.Terminal(2, [1.0, 2.0], [1.0, 10.0], 2.0));

        ArgumentException error = Assert.Throws<ArgumentException>(() => new ThirdPartyWorkspace(OdeSolver.Rodas4(), loss));

        Assert.Equal("solver", error.ParamName);
        Assert.NotNull(new ThirdPartyWorkspace(OdeSolver.Rk4(4), loss));
    }

    private sealed class ThirdPartyWorkspace(OdeSolver solver, ILoss loss) : SensitivityWorkspace<Shear>(solver, loss)
    {
        public override double ComputeSample(
            int sample, ReadOnlySpan<double> initialState, ReadOnlySpan<double> parameters, Span<double> gradient, Span<double> terminalState, Span<double> sensitivities) => 0.0;
    }
}
