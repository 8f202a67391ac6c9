namespace NeuralOdeGen.Generator.Tests.Numerics;

/// <summary>
/// The generated members of every example model, checked at <see cref="ModelCase{TModel}.PointCount"/> seeded
/// random points against the user's own method, hand-derived Jacobians, finite differences and each other.
/// </summary>
public sealed class GeneratedDerivativeTests
{
    public static TheoryData<string> Models => ModelCases.Names;

    [Theory]
    [MemberData(nameof(Models))]
    public void Info_GeneratedModel_DescribesUserMethodNamesAndCounts(string model) => ModelCases.Get(model).InfoDescribesUserMethod();

    [Theory]
    [MemberData(nameof(Models))]
    public void InfoSymbolicForms_EvaluatedAtRandomPoints_MatchGeneratedMembers(string model) => ModelCases.Get(model).InfoFormsMatchGeneratedMembers();

    [Theory]
    [MemberData(nameof(Models))]
    public void Evaluate_RandomPoints_MatchesUserMethod(string model) => ModelCases.Get(model).EvaluateMatchesUserMethod();

    [Theory]
    [MemberData(nameof(Models))]
    public void EvaluateDual_ZeroTangents_ValueMatchesEvaluate(string model) => ModelCases.Get(model).EvaluateDualValueMatchesEvaluate();

    [Theory]
    [MemberData(nameof(Models))]
    public void StateJacobian_RandomPoints_MatchesCentralFiniteDifferences(string model) => ModelCases.Get(model).StateJacobianMatchesFiniteDifferences();

    [Theory]
    [MemberData(nameof(Models))]
    public void ParameterJacobian_RandomPoints_MatchesCentralFiniteDifferences(string model) => ModelCases.Get(model).ParameterJacobianMatchesFiniteDifferences();

    [Theory]
    [MemberData(nameof(Models))]
    public void StateJacobian_RandomPoints_MatchesHandDerived(string model) => ModelCases.Get(model).StateJacobianMatchesAnalytic();

    [Theory]
    [MemberData(nameof(Models))]
    public void ParameterJacobian_RandomPoints_MatchesHandDerived(string model) => ModelCases.Get(model).ParameterJacobianMatchesAnalytic();

    [Theory]
    [MemberData(nameof(Models))]
    public void EvaluateDual_RandomDirection_TangentMatchesJacobianVectorProduct(string model) => ModelCases.Get(model).EvaluateDualMatchesJacobianVectorProduct();

    [Theory]
    [MemberData(nameof(Models))]
    public void VectorAndJacobianProducts_RandomVectors_MatchDenseJacobians(string model) => ModelCases.Get(model).ProductsMatchDenseJacobians();

    [Theory]
    [MemberData(nameof(Models))]
    public void AllMembers_SpanOneElementShort_ThrowArgumentExceptionNamingTheSpan(string model) => ModelCases.Get(model).ShortSpansThrowArgumentException();

    [Theory]
    [MemberData(nameof(Models))]
    public void AllMembers_WarmedUp_AllocateNothing(string model) => ModelCases.Get(model).MembersAllocateNothing();
}
