namespace NeuralOdeGen.Verification.Tests.RandomPrograms;

/// <summary>One way to make a valid random model invalid, with the diagnostic id the generator must report.</summary>
internal enum Defect
{
    NotPartial,
    StaticType,
    TwoDynamicsMethods,
    InstanceMethod,
    GenericMethod,
    FloatParameter,
    RefParameter,
    NoState,
    FloatReturn,
    TupleArity,
    TwoTimes,
    ParamAndTime,
    Loop,
    IfStatement,
    UnsupportedCall,
    AssignParameter,
    ReassignLocal,
    NonConstField,
    IntLocal,
    GenericType,
}
