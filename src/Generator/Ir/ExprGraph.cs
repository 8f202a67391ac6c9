using System.Collections.Generic;

namespace NeuralOdeGen.Generator.Ir;

/// <summary>
/// A hash-consed expression DAG: structurally equal nodes get the same id, so shared subexpressions are shared
/// nodes. Interning does not simplify; <see cref="Simplifier"/> builds simplified nodes on top of it.
/// </summary>
internal sealed class ExprGraph
{
    private readonly List<Node> _nodes = new();
    private readonly Dictionary<Node, int> _ids = new();

    public ExprGraph()
    {
    }

    public ExprGraph(EquatableArray<Node> nodes)
    {
        foreach (Node node in nodes)
        {
            Intern(node);
        }
    }

    public int Count => _nodes.Count;

    public Node this[int id] => _nodes[id];

    /// <summary>Returns the id of <paramref name="node"/>, adding it if the graph does not hold it yet.</summary>
    public int Intern(Node node)
    {
        if (!_ids.TryGetValue(node, out int id))
        {
            id = _nodes.Count;
            _nodes.Add(node);
            _ids.Add(node, id);
        }

        return id;
    }

    public int Constant(double value) => Intern(Node.Constant(value));

    public bool IsConstant(int id, out double value)
    {
        Node node = _nodes[id];
        value = node.Value;
        return node.Kind == NodeKind.Constant;
    }

    public bool IsConstant(int id, double value) => IsConstant(id, out double actual) && actual.Equals(value);

    public EquatableArray<Node> ToArray() => new(_nodes.ToArray());
}
