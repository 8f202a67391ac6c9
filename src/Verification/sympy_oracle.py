"""NeuralOdeGen's symbolic oracle: SymPy behind a JSON-lines protocol on stdin/stdout.

Started once per oracle by NeuralOdeGen.Verification.SymPyOracle (``/usr/bin/python3 -u -c <this file>``).
The first line written is a handshake::

    {"ready": true, "sympy": "1.11.1", "python": "3.11.2"}      or      {"ready": false, "error": "..."}

Then every request line ``{"id": <int>, "op": <name>, ...}`` gets exactly one response line, in order::

    {"id": <int>, "ok": true, "result": {...}}                  or      {"id": <int>, "ok": false, "error": "..."}

Expressions use the syntax of ``OdeModelInfo`` (SymPy syntax printed by the generator). Names come from C#,
so they may collide with SymPy or Python names (``gamma``, ``beta``, ``lambda``, ``E``, ``I``, ``S``, ``N``,
``pi``): every model name is renamed at the token level to a safe placeholder bound to a real ``Symbol`` of
the original name, and nothing else is auto-converted, so an unknown name is an error, not a new symbol.
A model name followed by ``(`` is a call, never a variable, so a state called ``sign`` does not hide
SymPy's ``sign``. ``Max``/``Min`` are rewritten to ``Piecewise`` with the generator's semantics
(the first argument wins ties). Non-finite numbers travel as the strings "NaN", "Infinity", "-Infinity".
"""

import json
import sys
import time
import tokenize

try:
    import sympy
    from sympy.parsing.sympy_parser import parse_expr
except ImportError as missing:  # reported through the handshake so that the caller can say what to install
    sys.stdout.write(json.dumps({"ready": False, "error": "cannot import sympy: " + str(missing)}) + "\n")
    sys.stdout.flush()
    sys.exit(3)

# Relative size of a residual (claimed - reference) that counts as a genuine difference at a point.
DIFFERENCE_TOLERANCE = 1e-9
# Decimal literals within this relative distance of a small-denominator rational are read as that rational,
# so that constants folded in double precision (3 * 0.1 = 0.30000000000000004) compare equal to exact ones.
SNAP_TOLERANCE = 1e-13
SNAP_DENOMINATOR = 10**6
# Digits used to evaluate expressions at points: far more than double precision, so the reference is exact
# for our purposes.
EVALUATION_DIGITS = 30
MODEL_CACHE_SIZE = 64


def _max(*args):
    return _fold(args, lambda a, b: sympy.Piecewise((a, a >= b), (b, True)))


def _min(*args):
    return _fold(args, lambda a, b: sympy.Piecewise((a, a <= b), (b, True)))


def _fold(args, pair):
    if not args:
        raise ValueError("Max/Min need at least one argument")
    result = args[0]
    for arg in args[1:]:
        result = pair(result, arg)
    return result


def _number(text):
    exact = sympy.Rational(text)
    if exact.q == 1 or exact == 0:
        return exact
    snapped = exact.limit_denominator(SNAP_DENOMINATOR)
    if abs(snapped - exact) <= SNAP_TOLERANCE * abs(exact):
        return snapped
    return exact


FUNCTIONS = {
    "exp": sympy.exp,
    "log": sympy.log,
    "sqrt": sympy.sqrt,
    "sin": sympy.sin,
    "cos": sympy.cos,
    "tan": sympy.tan,
    "tanh": sympy.tanh,
    "sinh": sympy.sinh,
    "cosh": sympy.cosh,
    "atan": sympy.atan,
    "asin": sympy.asin,
    "acos": sympy.acos,
    "sec": sympy.sec,
    "sech": sympy.sech,
    "Abs": sympy.Abs,
    "sign": sympy.sign,
    "Heaviside": sympy.Heaviside,
    "Max": _max,
    "Min": _min,
    "Piecewise": sympy.Piecewise,
    "Eq": sympy.Eq,
    "Ne": sympy.Ne,
    "And": sympy.And,
    "Or": sympy.Or,
    "Not": sympy.Not,
    "Rational": sympy.Rational,
    "Integer": sympy.Integer,
    "Float": sympy.Float,
}
CONSTANTS = {"True": True, "False": False}
NUMBER_FUNCTION = "_neuralodegen_number"


class Names:
    """The model's names, each bound to a real Symbol of the same name under a placeholder identifier."""

    def __init__(self, names):
        if len(set(names)) != len(names):
            raise ValueError("duplicate names: " + ", ".join(names))
        self.names = list(names)
        self.symbols = [sympy.Symbol(name, real=True) for name in names]
        self.placeholders = {name: "_neuralodegen_v%d" % i for i, name in enumerate(names)}
        self.by_placeholder = {self.placeholders[name]: s for name, s in zip(names, self.symbols)}
        self.by_name = dict(zip(names, self.symbols))

    def parse(self, text, what):
        if not isinstance(text, str) or not text.strip():
            raise ValueError("%s is empty" % what)
        global_dict = dict(FUNCTIONS)
        global_dict.update(CONSTANTS)
        global_dict[NUMBER_FUNCTION] = _number
        try:
            expr = parse_expr(
                text,
                local_dict=dict(self.by_placeholder),
                global_dict=global_dict,
                transformations=(self._rename,),
                evaluate=True,
            )
        except NameError as error:
            raise ValueError("%s '%s' uses an unknown name (%s); known names: %s; functions: %s" % (
                what, text, error, ", ".join(self.names) or "(none)", ", ".join(sorted(FUNCTIONS)))) from None
        except (SyntaxError, TypeError, tokenize.TokenError) as error:
            raise ValueError("%s '%s' is not valid SymPy syntax: %s" % (what, text, error)) from None
        if isinstance(expr, bool):
            expr = sympy.true if expr else sympy.false
        if not isinstance(expr, sympy.Basic):
            raise ValueError("%s '%s' is not an expression" % (what, text))
        return expr

    def _rename(self, tokens, local_dict, global_dict):
        result = []
        for index, (kind, value) in enumerate(tokens):
            if kind == tokenize.NUMBER:
                result.extend([(tokenize.NAME, NUMBER_FUNCTION), (tokenize.OP, "("),
                               (tokenize.STRING, repr(value)), (tokenize.OP, ")")])
                continue
            if kind == tokenize.NAME:
                is_call = index + 1 < len(tokens) and tokens[index + 1][1] == "("
                if value in self.placeholders and not (is_call and value in FUNCTIONS):
                    result.append((tokenize.NAME, self.placeholders[value]))
                    continue
                if value not in FUNCTIONS and value not in CONSTANTS and value not in ("and", "or", "not"):
                    raise NameError("name '%s' is not defined" % value)
            result.append((kind, value))
        return result

    def point(self, values):
        if len(values) != len(self.symbols):
            raise ValueError("a point needs %d values (%s), got %d" % (
                len(self.symbols), ", ".join(self.names), len(values)))
        return {s: sympy.Float(_to_float(v), EVALUATION_DIGITS) for s, v in zip(self.symbols, values)}


def _to_float(value):
    if isinstance(value, str):
        return float({"NaN": "nan", "Infinity": "inf", "-Infinity": "-inf"}.get(value, value))
    return float(value)


def _to_json_number(value):
    if value is None or value != value:
        return "NaN"
    if value == float("inf"):
        return "Infinity"
    if value == float("-inf"):
        return "-Infinity"
    return value


def evaluate(expr, point):
    """The value of expr at point (symbol -> Float), as a Python float; NaN where it is not a finite real."""
    try:
        value = expr.xreplace(point)
        if not value.is_number:
            value = value.evalf(EVALUATION_DIGITS)
        value = sympy.N(value, EVALUATION_DIGITS)
        if value.is_real is False or value.has(sympy.zoo, sympy.nan, sympy.I):
            return float("nan")
        return float(value)
    except (TypeError, ValueError, ZeroDivisionError, OverflowError):
        return float("nan")


def is_zero(expr):
    """Tries to prove expr == 0: structurally, after expand, then simplify, piece by piece for Piecewise."""
    if expr == 0:
        return True, "identical"
    folded = sympy.piecewise_fold(expr)
    pieces = [e for e, _ in folded.args] if isinstance(folded, sympy.Piecewise) else [folded]
    how = "identical"
    for piece in pieces:
        if piece == 0:
            continue
        if sympy.expand(piece) == 0:
            how = "expand" if how == "identical" else how
            continue
        if sympy.simplify(piece) == 0:
            how = "simplify"
            continue
        return False, None
    return True, how


def compare(claimed, reference, points):
    """Verdict on claimed == reference: numeric disproof at the points first (cheap), then symbolic proof."""
    residual = claimed - reference
    for point in points:
        c = evaluate(claimed, point)
        r = evaluate(reference, point)
        if c != c or r != r:
            continue
        if abs(c - r) > DIFFERENCE_TOLERANCE * (1.0 + abs(c) + abs(r)):
            where = ", ".join("%s=%r" % (s, float(v)) for s, v in point.items())
            return "different", "at %s: claimed %r, reference %r" % (where, c, r)
    proved, how = is_zero(residual)
    if proved:
        return "equal", "claimed - reference reduces to 0 (%s)" % how
    return "unknown", "simplify could not reduce claimed - reference to 0; residual %s" % sympy.simplify(residual)


class Model:
    def __init__(self, spec):
        self.states = list(spec["states"])
        self.parameters = list(spec["parameters"])
        self.time = spec.get("time")
        ordered = self.states + self.parameters + ([self.time] if self.time else [])
        self.names = Names(ordered)
        rhs = spec["rhs"]
        if len(rhs) != len(self.states):
            raise ValueError("expected %d right-hand sides (one per state), got %d" % (len(self.states), len(rhs)))
        self.rhs = [self.names.parse(text, "right-hand side %d (d%s/dt)" % (i, self.states[i]))
                    for i, text in enumerate(rhs)]
        self._derivatives = {}

    def derivative(self, row, wrt):
        key = (row, wrt)
        if key not in self._derivatives:
            if wrt not in self.names.by_name or wrt == self.time:
                raise ValueError("'%s' is not a state or parameter of the model" % wrt)
            if not 0 <= row < len(self.rhs):
                raise ValueError("row %d is outside 0..%d" % (row, len(self.rhs) - 1))
            self._derivatives[key] = sympy.diff(self.rhs[row], self.names.by_name[wrt])
        return self._derivatives[key]


class Oracle:
    def __init__(self):
        self._models = {}

    def model(self, spec):
        key = json.dumps(spec, sort_keys=True)
        model = self._models.pop(key, None)
        if model is None:
            model = Model(spec)
            if len(self._models) >= MODEL_CACHE_SIZE:
                self._models.pop(next(iter(self._models)))
        self._models[key] = model  # most recently used last
        return model

    def op_ping(self, request):
        return {"sympy": sympy.__version__, "python": "%d.%d.%d" % sys.version_info[:3]}

    def op_parse(self, request):
        names = Names(request["names"])
        expr = names.parse(request["expr"], "expression")
        return {"canonical": str(expr), "srepr": sympy.srepr(expr)}

    def op_differentiate(self, request):
        names = Names(request["names"])
        expr = names.parse(request["expr"], "expression")
        wrt = request["wrt"]
        if wrt not in names.by_name:
            raise ValueError("cannot differentiate with respect to '%s': not one of %s" % (wrt, ", ".join(names.names)))
        return {"derivative": str(sympy.diff(expr, names.by_name[wrt]))}

    def op_evaluate(self, request):
        names = Names(request["names"])
        exprs = [names.parse(text, "expression %d" % i) for i, text in enumerate(request["exprs"])]
        points = [names.point(p) for p in request["points"]]
        return {"values": [[_to_json_number(evaluate(e, p)) for e in exprs] for p in points]}

    def op_equal(self, request):
        names = Names(request["names"])
        a = names.parse(request["a"], "expression a")
        b = names.parse(request["b"], "expression b")
        points = [names.point(p) for p in request.get("points", [])]
        verdict, detail = compare(a, b, points)
        return {"verdict": verdict, "detail": detail}

    def op_evaluate_rhs(self, request):
        model = self.model(request["model"])
        points = [model.names.point(p) for p in request["points"]]
        return {"values": [[_to_json_number(evaluate(f, p)) for f in model.rhs] for p in points]}

    def op_check_entry(self, request):
        model = self.model(request["model"])
        row = int(request["row"])
        wrt = request["wrt"]
        reference = model.derivative(row, wrt)
        points = [model.names.point(p) for p in request["points"]]
        result = {
            "reference": str(reference),
            "reference_values": [_to_json_number(evaluate(reference, p)) for p in points],
        }
        try:
            claimed = model.names.parse(request["claimed"], "claimed d%s/d%s" % (model.states[row], wrt))
        except ValueError as error:
            result.update(verdict="unparsable", detail=str(error), claimed_values=["NaN"] * len(points))
            return result
        verdict, detail = compare(claimed, reference, points)
        result.update(verdict=verdict, detail=detail,
                      claimed_values=[_to_json_number(evaluate(claimed, p)) for p in points])
        return result

    def op_sleep(self, request):
        # Exists for the protocol's own tests: a request that takes as long as asked (timeouts, restarts).
        time.sleep(float(request["seconds"]))
        return {"slept": float(request["seconds"])}

    def handle(self, line):
        request_id = None
        try:
            request = json.loads(line)
            if not isinstance(request, dict):
                raise ValueError("a request must be a JSON object")
            request_id = request.get("id")
            op = request.get("op")
            handler = getattr(self, "op_" + str(op), None)
            if handler is None:
                raise ValueError("unknown op '%s'; known: %s" % (
                    op, ", ".join(sorted(n[3:] for n in dir(self) if n.startswith("op_")))))
            return {"id": request_id, "ok": True, "result": handler(request)}
        except KeyError as error:
            return {"id": request_id, "ok": False, "error": "request is missing the field %s" % error}
        except Exception as error:  # every failure of one request is that request's answer, never a crash
            return {"id": request_id, "ok": False, "error": "%s: %s" % (type(error).__name__, error)}


def main():
    sys.setrecursionlimit(10000)
    sys.stdout.write(json.dumps({"ready": True, "sympy": sympy.__version__,
                                 "python": "%d.%d.%d" % sys.version_info[:3]}) + "\n")
    sys.stdout.flush()
    oracle = Oracle()
    for line in sys.stdin:
        if not line.strip():
            continue
        sys.stdout.write(json.dumps(oracle.handle(line)) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
