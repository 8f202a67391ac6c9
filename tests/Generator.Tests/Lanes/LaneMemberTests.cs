namespace NeuralOdeGen.Generator.Tests.Lanes;

/// <summary>
/// The generated lane members (<c>HasVectorLanes</c>, <c>EvaluateLanes</c>, <c>VectorJacobianProductLanes</c>) of every
/// example model, called with blocks of several vectors and checked sample by sample against the scalar members, bit for bit.
/// </summary>
public sealed class LaneMemberTests
{
    public static TheoryData<string> Models => LaneCases.Names;

    [Theory]
    [MemberData(nameof(Models))]
    public void HasVectorLanes_ExampleModel_IsTrueAndMembersAreGenerated(string model) => LaneCases.Get(model).LaneMembersAreGenerated();

    [Theory]
    [MemberData(nameof(Models))]
    public void EvaluateLanes_RandomAndSpecialLanes_EqualsEvaluateBitForBit(string model) =>
        LaneCases.Get(model).EvaluateLanesMatchesEvaluateBitForBit();

    [Theory]
    [MemberData(nameof(Models))]
    public void VectorJacobianProductLanes_RandomAndSpecialLanes_EqualsVectorJacobianProductBitForBit(string model) =>
        LaneCases.Get(model).VectorJacobianProductLanesMatchesVectorJacobianProductBitForBit();

    [Theory]
    [MemberData(nameof(Models))]
    public void LaneMembers_BlockNotAMultipleOfNOrMismatched_ThrowArgumentExceptionNamingTheSpan(string model) =>
        LaneCases.Get(model).BadBlockLengthsThrowArgumentException();

    [Theory]
    [MemberData(nameof(Models))]
    public void LaneMembers_WarmedUp_AllocateNothing(string model) => LaneCases.Get(model).LaneMembersAllocateNothing();
}
