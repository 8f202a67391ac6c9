namespace NeuralOdeGen.Generator.Ir;

/// <summary>What went wrong with an element of a scratch or output span while unrolling (see <see cref="ElementError"/>).</summary>
internal enum ElementErrorKind
{
    /// <summary>A store's index lies outside its array (at the store statement).</summary>
    StoreOutOfRange,

    /// <summary>An element is read (by a node, or by a compound assignment's statement) before anything was stored there.</summary>
    ReadBeforeStored,

    /// <summary>An output element is stored a second time (at the store statement).</summary>
    StoredTwice,

    /// <summary>Some output elements are never stored (the array's elements, listed).</summary>
    NeverStored,
}
