using System;
using System.Collections.Generic;
using System.Globalization;

namespace NeuralOdeGen.Generator.Tests.Numerics;

/// <summary>
/// Evaluates the SymPy-syntax strings of <see cref="OdeModelInfo"/> numerically, with Python's operator precedence:
/// numbers, names, <c>+ - * / **</c>, comparisons, <c>&amp; | ~</c>, <c>Eq/Ne</c>, <c>Piecewise</c> and the functions the
/// generator prints. Booleans are 1 and 0. Lets the tests check the printed forms against the generated code.
/// </summary>
internal sealed class SymPyExpression
{
    private readonly string _text;
    private readonly IReadOnlyDictionary<string, double> _variables;
    private int _position;

    private SymPyExpression(string text, IReadOnlyDictionary<string, double> variables)
    {
        _text = text;
        _variables = variables;
    }

    public static double Evaluate(string text, IReadOnlyDictionary<string, double> variables)
    {
        var parser = new SymPyExpression(text, variables);
        double value = parser.Comparison();
        parser.SkipSpaces();
        if (parser._position != text.Length)
        {
            throw new FormatException($"Unexpected '{text[parser._position..]}' in '{text}'.");
        }

        return value;
    }

    private double Comparison()
    {
        double left = BitOr();
        foreach (string op in (string[])["<=", ">=", "==", "!=", "<", ">"])
        {
            if (Accept(op))
            {
                double right = BitOr();
                return Truth(op switch
                {
                    "<=" => left <= right,
                    ">=" => left >= right,
                    "==" => left == right,
                    "!=" => left != right,
                    "<" => left < right,
                    _ => left > right,
                });
            }
        }

        return left;
    }

    private double BitOr()
    {
        double value = BitAnd();
        while (Accept("|"))
        {
            double right = BitAnd();
            value = Truth(value != 0 || right != 0);
        }

        return value;
    }

    private double BitAnd()
    {
        double value = Additive();
        while (Accept("&"))
        {
            double right = Additive();
            value = Truth(value != 0 && right != 0);
        }

        return value;
    }

    private double Additive()
    {
        double value = Multiplicative();
        while (true)
        {
            if (Accept("+"))
            {
                value += Multiplicative();
            }
            else if (Accept("-"))
            {
                value -= Multiplicative();
            }
            else
            {
                return value;
            }
        }
    }

    private double Multiplicative()
    {
        double value = Unary();
        while (true)
        {
            if (Peek("**"))
            {
                return value;
            }

            if (Accept("*"))
            {
                value *= Unary();
            }
            else if (Accept("/"))
            {
                value /= Unary();
            }
            else
            {
                return value;
            }
        }
    }

    private double Unary()
    {
        if (Accept("-"))
        {
            return -Unary();
        }

        if (Accept("+"))
        {
            return Unary();
        }

        return Accept("~") ? Truth(Unary() == 0) : Power();
    }

    // Python: the exponent of ** binds a unary operator and is right-associative (2**-x, a**b**c).
    private double Power()
    {
        double value = Atom();
        return Accept("**") ? Math.Pow(value, Unary()) : value;
    }

    private double Atom()
    {
        SkipSpaces();
        if (Accept("("))
        {
            double inner = Comparison();
            Expect(")");
            return inner;
        }

        char c = _text[_position];
        if (char.IsDigit(c) || c == '.')
        {
            int start = _position;
            while (_position < _text.Length && (char.IsDigit(_text[_position]) || _text[_position] is '.' or 'e' or 'E'
                || (_text[_position] is '+' or '-' && _text[_position - 1] is 'e' or 'E')))
            {
                _position++;
            }

            return double.Parse(_text.AsSpan(start, _position - start), NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        int nameStart = _position;
        while (_position < _text.Length && (char.IsLetterOrDigit(_text[_position]) || _text[_position] == '_'))
        {
            _position++;
        }

        string name = _text[nameStart.._position];
        if (name.Length == 0)
        {
            throw new FormatException($"Unexpected '{_text[_position..]}' in '{_text}'.");
        }

        if (name == "Piecewise")
        {
            return Piecewise();
        }

        if (!Peek("("))
        {
            return name switch
            {
                "True" => 1,
                "False" => 0,
                _ => _variables.TryGetValue(name, out double value) ? value : throw new FormatException($"Unknown name '{name}' in '{_text}'."),
            };
        }

        Expect("(");
        var arguments = new List<double> { Comparison() };
        while (Accept(","))
        {
            arguments.Add(Comparison());
        }

        Expect(")");
        return (name, arguments.Count) switch
        {
            ("exp", 1) => Math.Exp(arguments[0]),
            ("log", 1) => Math.Log(arguments[0]),
            ("sqrt", 1) => Math.Sqrt(arguments[0]),
            ("sin", 1) => Math.Sin(arguments[0]),
            ("cos", 1) => Math.Cos(arguments[0]),
            ("tan", 1) => Math.Tan(arguments[0]),
            ("tanh", 1) => Math.Tanh(arguments[0]),
            ("sinh", 1) => Math.Sinh(arguments[0]),
            ("cosh", 1) => Math.Cosh(arguments[0]),
            ("atan", 1) => Math.Atan(arguments[0]),
            ("atan2", 2) => Math.Atan2(arguments[0], arguments[1]),
            ("asin", 1) => Math.Asin(arguments[0]),
            ("acos", 1) => Math.Acos(arguments[0]),
            ("asinh", 1) => Math.Asinh(arguments[0]),
            ("acosh", 1) => Math.Acosh(arguments[0]),
            ("atanh", 1) => Math.Atanh(arguments[0]),
            ("log", 2) => Math.Log(arguments[0]) / Math.Log(arguments[1]),
            ("floor", 1) => Math.Floor(arguments[0]),
            ("round_half_even", 1) => Math.Round(arguments[0], MidpointRounding.ToEven),
            ("Rational", 2) => arguments[0] / arguments[1],
            ("Abs", 1) => Math.Abs(arguments[0]),
            ("sign", 1) => Math.Sign(arguments[0]),
            ("Max", 2) => Math.Max(arguments[0], arguments[1]),
            ("Min", 2) => Math.Min(arguments[0], arguments[1]),
            ("Eq", 2) => Truth(arguments[0] == arguments[1]),
            ("Ne", 2) => Truth(arguments[0] != arguments[1]),
            _ => throw new FormatException($"Unknown function '{name}' with {arguments.Count} argument(s) in '{_text}'."),
        };
    }

    // Piecewise((value, condition), ...): the first pair whose condition holds. Every pair is parsed (not short-circuited).
    private double Piecewise()
    {
        Expect("(");
        double? result = null;
        do
        {
            Expect("(");
            double value = Comparison();
            Expect(",");
            double condition = Comparison();
            Expect(")");
            if (result is null && condition != 0)
            {
                result = value;
            }
        }
        while (Accept(","));

        Expect(")");
        return result ?? throw new FormatException($"No Piecewise condition holds in '{_text}'.");
    }

    private static double Truth(bool value) => value ? 1 : 0;

    private void SkipSpaces()
    {
        while (_position < _text.Length && _text[_position] == ' ')
        {
            _position++;
        }
    }

    private bool Peek(string token)
    {
        SkipSpaces();
        return string.CompareOrdinal(_text, _position, token, 0, token.Length) == 0;
    }

    private bool Accept(string token)
    {
        if (!Peek(token))
        {
            return false;
        }

        _position += token.Length;
        return true;
    }

    private void Expect(string token)
    {
        if (!Accept(token))
        {
            throw new FormatException($"Expected '{token}' at {_position} in '{_text}'.");
        }
    }
}
