namespace NeuralOdeGen.Generator.Model;

/// <summary>One level of the containing-type chain: the declaration keyword(s) (<c>struct</c>, <c>record class</c>...) and the name.</summary>
internal readonly record struct TypeDeclarationInfo(string Keyword, string Name);
