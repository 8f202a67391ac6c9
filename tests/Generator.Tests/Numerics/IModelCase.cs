namespace NeuralOdeGen.Generator.Tests.Numerics;

/// <summary>The numeric checks every example model goes through, without naming its type (so theories can list models by name).</summary>
internal interface IModelCase
{
    string Name { get; }

    void InfoDescribesUserMethod();

    void InfoFormsMatchGeneratedMembers();

    void EvaluateMatchesUserMethod();

    void EvaluateDualValueMatchesEvaluate();

    void StateJacobianMatchesFiniteDifferences();

    void ParameterJacobianMatchesFiniteDifferences();

    void StateJacobianMatchesAnalytic();

    void ParameterJacobianMatchesAnalytic();

    void EvaluateDualMatchesJacobianVectorProduct();

    void ProductsMatchDenseJacobians();

    void ShortSpansThrowArgumentException();

    void MembersAllocateNothing();
}
