namespace NeuralOdeGen.Generator.Tests.Lanes;

/// <summary>The lane-member checks every example model goes through, without naming its type.</summary>
internal interface ILaneCase
{
    string Name { get; }

    void LaneMembersAreGenerated();

    void EvaluateLanesMatchesEvaluateBitForBit();

    void VectorJacobianProductLanesMatchesVectorJacobianProductBitForBit();

    void BadBlockLengthsThrowArgumentException();

    void LaneMembersAllocateNothing();
}
