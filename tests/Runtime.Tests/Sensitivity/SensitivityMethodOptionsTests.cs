using System;
using NeuralOdeGen.Runtime.Tests.Models;

namespace NeuralOdeGen.Runtime.Tests.Sensitivity;

/// <summary>
/// The sensitivity methods' configuration (docs/quality.md, issue #16, the whole Sensitivity folder): the step-sharing
/// argument of both lane-capable adjoints (checked, kept, named in the message), the discrete adjoint's name, and the
/// interface's default <see cref="ISensitivityMethod.CreateWorkspace{TModel}(OdeSolver, ILoss, GradientOptions)"/> for a
/// method that implements only the plain overload: no options accepted, any option refused with the method's name.
/// </summary>
public sealed class SensitivityMethodOptionsTests
{
    [Theory]
    [InlineData("Discrete")]
    [InlineData("Continuous")]
    public void Constructor_UndefinedStepSharing_ThrowsNamingArgumentValueAndChoices(string method)
    {
        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(
            () => method == "Discrete" ? new DiscreteAdjoint((StepSharing)7) : new ContinuousAdjoint((StepSharing)7));

        Assert.Equal("stepSharing", error.ParamName);
        Assert.Equal((StepSharing)7, error.ActualValue);
        Assert.StartsWith("Expected StepSharing.PerSample or StepSharing.PerGroup.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(StepSharing.PerSample)]
    [InlineData(StepSharing.PerGroup)]
    public void Constructor_DefinedStepSharing_IsKept(StepSharing sharing)
    {
        Assert.Equal(sharing, new DiscreteAdjoint(sharing).StepSharing);
        Assert.Equal(sharing, new ContinuousAdjoint(sharing).StepSharing);
    }

    [Fact]
    public void DefaultConstructors_SharePerSampleAndNameTheMethod()
    {
        Assert.Equal(StepSharing.PerSample, new DiscreteAdjoint().StepSharing);
        Assert.Equal(StepSharing.PerSample, new ContinuousAdjoint().StepSharing);
        Assert.Equal("Discrete adjoint", new DiscreteAdjoint().Name);
    }

    [Fact]
    public void DefaultCreateWorkspace_NoOptions_UsesThePlainOverload()
    {
        var plain = new PlainMethod();
        ISensitivityMethod method = plain;

        SensitivityWorkspace<Shear> workspace = method.CreateWorkspace<Shear>(OdeSolver.Rk4(4), TerminalLoss(), GradientOptions.None);

        // An equal record that is not the None instance is no option either.
        SensitivityWorkspace<Shear> fromEqual = method.CreateWorkspace<Shear>(OdeSolver.Rk4(4), TerminalLoss(), new GradientOptions());
        Assert.Equal(2, plain.Created);
        Assert.NotNull(workspace);
        Assert.NotNull(fromEqual);
    }

    [Fact]
    public void DefaultCreateWorkspace_NullOptions_ThrowsNamingOptions()
    {
        ISensitivityMethod method = new PlainMethod();

        ArgumentNullException error = Assert.Throws<ArgumentNullException>(() => method.CreateWorkspace<Shear>(OdeSolver.Rk4(4), TerminalLoss(), null!));

        Assert.Equal("options", error.ParamName);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void DefaultCreateWorkspace_AnyOption_ThrowsNamingMethodAndOptions(bool initialStates, bool times)
    {
        ISensitivityMethod method = new PlainMethod();
        var options = new GradientOptions { InitialStateGradients = initialStates, TimeGradients = times };

        NotSupportedException error = Assert.Throws<NotSupportedException>(() => method.CreateWorkspace<Shear>(OdeSolver.Rk4(4), TerminalLoss(), options));

        Assert.Equal($"Plain computes ∂L/∂θ only; it does not support {options}.", error.Message);
    }

    private static TerminalMse TerminalLoss() =>
        new(Dataset.Terminal(2, [1.0, 2.0, -1.0, 0.5], [1.0, 10.0, 0.5, -3.0], 2.0));

    // Implements only the plain overload, as a third-party method written before GradientOptions would.
    private sealed class PlainMethod : ISensitivityMethod
    {
        public int Created { get; private set; }

        public string Name => "Plain";

        public bool ProvidesSensitivities => false;

        public SensitivityWorkspace<TModel> CreateWorkspace<TModel>(OdeSolver solver, ILoss loss)
            where TModel : struct, IOdeModel<TModel>
        {
            Created++;
            return new ForwardOnly().CreateWorkspace<TModel>(solver, loss);
        }
    }
}
