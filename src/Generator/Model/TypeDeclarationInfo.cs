namespace NeuralOdeGen.Generator.Model;

/// <summary>
/// One level of the containing-type chain: the declaration keyword(s) (<c>struct</c>, <c>record class</c>...), the name, and
/// the modifiers the generated declaration repeats (<c>public </c> for a type the generator adds, empty for the user's).
/// </summary>
internal readonly record struct TypeDeclarationInfo(string Keyword, string Name, string Modifiers = "");
