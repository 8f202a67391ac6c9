using System;
using System.Collections.Generic;
using System.Text;

namespace NeuralOdeGen.Verification.Tests.RandomPrograms;

/// <summary>Renders a valid random model with one <see cref="Defect"/> planted, and says which diagnostic it must produce.</summary>
internal static class InvalidProgramRenderer
{
    public static string ExpectedId(Defect defect) => defect switch
    {
        Defect.NotPartial => "NODE001",
        Defect.StaticType => "NODE002",
        Defect.TwoDynamicsMethods => "NODE003",
        Defect.InstanceMethod or Defect.GenericMethod => "NODE004",
        Defect.FloatParameter or Defect.RefParameter => "NODE005",
        Defect.NoState => "NODE006",
        Defect.FloatReturn => "NODE007",
        Defect.TupleArity => "NODE008",
        Defect.TwoTimes or Defect.ParamAndTime => "NODE009",
        Defect.Loop => "NODE035",
        Defect.IfStatement => "NODE010",
        Defect.UnsupportedCall => "NODE011",
        Defect.AssignParameter or Defect.ReassignLocal => "NODE012",
        Defect.NonConstField => "NODE013",
        Defect.IntLocal => "NODE014",
        Defect.GenericType => "NODE015",
        _ => throw new ArgumentOutOfRangeException(nameof(defect), defect, "unknown defect"),
    };

    public static string File(ModelSpec spec, Defect defect)
    {
        var text = new StringBuilder("using System;\nusing NeuralOdeGen;\n\nnamespace ").Append(CSharpRenderer.Namespace).Append(";\n\n");
        string typeKeyword = spec.IsClass || defect == Defect.StaticType ? "class" : "struct";
        string typeModifiers = defect switch
        {
            Defect.NotPartial => "public",
            Defect.StaticType => "public static partial",
            _ => "public partial",
        };
        text.Append(typeModifiers).Append(' ').Append(typeKeyword).Append(' ').Append(spec.TypeName).Append(defect == Defect.GenericType ? "<TTag>" : "").Append("\n{\n");
        if (defect == Defect.NonConstField)
        {
            text.Append("    private static double Scale = 2.0;\n\n");
        }

        text.Append(Method(spec, defect, CSharpRenderer.MethodName));
        if (defect == Defect.TwoDynamicsMethods)
        {
            text.Append('\n').Append(Method(spec, Defect.NotPartial, CSharpRenderer.MethodName + "Again"));
        }

        // The model's [Differentiable] functions are valid: the defect is the only error.
        for (int i = 0; i < (spec.Functions?.Count ?? 0); i++)
        {
            text.Append('\n').Append(CSharpRenderer.UserFunction(i, spec.Functions![i]));
        }

        return text.Append("}\n").ToString();
    }

    private static string Method(ModelSpec spec, Defect defect, string name)
    {
        string modifiers = defect == Defect.InstanceMethod ? "public" : "public static";

        int n = spec.StateCount;
        string returnType = defect switch
        {
            Defect.FloatReturn => n == 1 ? "float" : "(float" + string.Concat(Enumerable.Repeat(", double", n - 1)) + ")",
            Defect.TupleArity => "(" + string.Join(", ", Enumerable.Repeat("double", n + 1)) + ")",
            _ => CSharpRenderer.ReturnType(spec),
        };

        var parameters = new List<string>();
        bool firstState = true;
        foreach (Slot slot in spec.Signature)
        {
            string attribute = slot.Kind switch
            {
                SlotKind.Parameter => "[Param] ",
                SlotKind.Time => defect == Defect.ParamAndTime ? "[Param, Time] " : "[Time] ",
                _ => defect == Defect.NoState ? "[Param] " : "",
            };
            string type = "double ";
            if (slot.Kind == SlotKind.State && firstState)
            {
                type = defect switch
                {
                    Defect.FloatParameter => "float ",
                    Defect.RefParameter => "ref double ",
                    _ => type,
                };
                firstState = false;
            }

            parameters.Add(attribute + type + slot.Identifier);
        }

        if (defect == Defect.TwoTimes)
        {
            parameters.Add("[Time] double tA");
            parameters.Add("[Time] double tB");
        }

        if (defect == Defect.ParamAndTime && spec.Time is null)
        {
            parameters.Add("[Param, Time] double tA");
        }

        var statements = new List<string>();
        foreach (LocalSpec local in spec.Locals)
        {
            statements.Add($"double {local.Identifier} = {CSharpRenderer.Render(local.Value)};");
        }

        string firstStateName = spec.States.First().Identifier;
        switch (defect)
        {
            case Defect.Loop:
                // Counted for loops are supported (unrolled); a while loop is not.
                statements.Add("while (false) { }");
                break;
            case Defect.IfStatement:
                statements.Add($"if ({firstStateName} > 0) {{ return {Result(spec, defect)}; }}");
                break;
            case Defect.AssignParameter:
                statements.Add($"{firstStateName} = {firstStateName} * 2;");
                break;
            case Defect.ReassignLocal:
                // Assignment statements to locals are supported; an assignment used as a value is not.
                statements.Add("double again = 1.0;");
                statements.Add("double twice = (again = 2.0);");
                break;
            case Defect.IntLocal:
                statements.Add("int k = 2;");
                break;
        }

        string generic = defect == Defect.GenericMethod ? "<TTag>" : "";
        var text = new StringBuilder();
        text.Append("    [Dynamics]\n    ").Append(modifiers).Append(' ').Append(returnType).Append(' ').Append(name).Append(generic)
            .Append('(').Append(string.Join(", ", parameters)).Append(")\n    {\n");
        foreach (string statement in statements)
        {
            text.Append("        ").Append(statement).Append('\n');
        }

        return text.Append("        return ").Append(Result(spec, defect)).Append(";\n    }\n").ToString();
    }

    private static string Result(ModelSpec spec, Defect defect)
    {
        var outputs = spec.Outputs.Select(CSharpRenderer.Render).ToList();
        outputs[0] = defect switch
        {
            // 1.0 * keeps the argument double: Math.Ceiling(3) is ambiguous (decimal or double), a C# error the generator leaves to C#.
            Defect.UnsupportedCall => $"Math.Ceiling(1.0 * ({outputs[0]}))",
            Defect.NonConstField => $"Scale * ({outputs[0]})",
            Defect.IntLocal => $"k * ({outputs[0]})",
            _ => outputs[0],
        };
        if (defect == Defect.TupleArity)
        {
            outputs.Add("0.0");
        }

        return outputs.Count == 1 ? outputs[0] : "(" + string.Join(", ", outputs) + ")";
    }
}
