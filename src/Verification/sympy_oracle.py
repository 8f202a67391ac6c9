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
SymPy's ``sign``. Conditionals (``Piecewise``, and ``Max``/``Min`` with the generator's semantics: the first
argument wins ties) become 0/1 condition symbols printed as Iverson brackets, e.g. ``[x - y >= 0]`` (see Indicators). Non-finite numbers travel as the strings "NaN", "Infinity", "-Infinity".
"""

import itertools
import json
import os
import re
import random
import signal
import sys
import time
import tokenize
import zlib

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
# simplify() is tried only on residual pieces up to this many operations: beyond, it can run for minutes.
SIMPLIFY_OPERATION_LIMIT = 150
# Agreement required of numeric coefficients (relative to the largest), room for constants folded in doubles.
CONSTANT_TOLERANCE = 1e-12
# Significant digits of numbers inside atom keys (function arguments, exponents).
KEY_DIGITS = 12
# Random points of the numeric identity test run when no proof is found, and its relative tolerance (room for
# constants the generator folded to doubles).
IDENTITY_POINTS = 16
IDENTITY_TOLERANCE = 1e-12
# Time allowed to prove one entry symbolically before the verdict is "unknown" (the client's timeout is longer).
PROOF_SECONDS = 10.0
# Residuals with more distinct conditions than this are simplified whole instead of case by case.
MAX_CONDITION_CASES = 5


class Indicators:
    """Conditions as 0/1 symbols (Iverson brackets), so that conditionals never reach SymPy's Piecewise.

    ``Piecewise((a, c), (b, True))`` becomes ``a*[c] + b*(1 - [c])``. SymPy's Piecewise machinery (as_set, solving
    inequalities, periodicity) can take minutes on conditions over transcendental expressions; a bracket is a plain
    real Symbol, so differentiation yields exactly "the derivative of the taken branch", expand/simplify stay fast,
    and evaluation looks the condition up. Every relation is normalised to ``[d >= 0]`` (``a > b`` is
    ``1 - [b - a >= 0]``) or ``[d == 0]``, so the same condition written two ways is one symbol.
    """

    def __init__(self):
        self.by_key = {}
        self.conditions = {}  # symbol -> ("ge" | "eq", d)

    def symbol(self, kind, d):
        if kind == "eq" and d.could_extract_minus_sign():
            d = -d
        key = (kind, d)
        found = self.by_key.get(key)
        if found is None:
            text = "[%s %s 0]" % (d, ">=" if kind == "ge" else "==")
            found = sympy.Symbol(text, real=True)
            self.by_key[key] = found
            self.conditions[found] = key
        return found

    def of(self, condition):
        """The 0/1 expression of a SymPy boolean (relations, And, Or, Not, true, false)."""
        if condition is True or condition == sympy.true:
            return sympy.Integer(1)
        if condition is False or condition == sympy.false:
            return sympy.Integer(0)
        if isinstance(condition, sympy.And):
            result = sympy.Integer(1)
            for arg in condition.args:
                result *= self.of(arg)
            return result
        if isinstance(condition, sympy.Or):
            result = sympy.Integer(1)
            for arg in condition.args:
                result *= 1 - self.of(arg)
            return 1 - result
        if isinstance(condition, sympy.Not):
            return 1 - self.of(condition.args[0])
        if isinstance(condition, sympy.GreaterThan):
            return self.symbol("ge", condition.lhs - condition.rhs)
        if isinstance(condition, sympy.LessThan):
            return self.symbol("ge", condition.rhs - condition.lhs)
        if isinstance(condition, sympy.StrictGreaterThan):
            return 1 - self.symbol("ge", condition.rhs - condition.lhs)
        if isinstance(condition, sympy.StrictLessThan):
            return 1 - self.symbol("ge", condition.lhs - condition.rhs)
        if isinstance(condition, sympy.Eq):
            return self.symbol("eq", condition.lhs - condition.rhs)
        if isinstance(condition, sympy.Ne):
            return 1 - self.symbol("eq", condition.lhs - condition.rhs)
        raise ValueError("unsupported condition %s" % (condition,))

    def piecewise(self, *pairs):
        if not pairs:
            raise ValueError("Piecewise needs at least one (expression, condition) pair")
        result = None
        for expr, condition in reversed(pairs):
            expr = sympy.sympify(expr)
            result = expr if result is None else expr * self.of(condition) + result * (1 - self.of(condition))
        return result

    def max(self, *args):
        return self._fold(args, lambda a, b: self.piecewise((a, a >= b), (b, True)))

    def min(self, *args):
        return self._fold(args, lambda a, b: self.piecewise((a, a <= b), (b, True)))

    @staticmethod
    def _fold(args, pair):
        if not args:
            raise ValueError("Max/Min need at least one argument")
        result = sympy.sympify(args[0])
        for arg in args[1:]:
            result = pair(result, sympy.sympify(arg))
        return result

    def value(self, symbol, point):
        """1 or 0: the condition behind an indicator symbol at a point."""
        kind, d = self.conditions[symbol]
        v = evaluate(d, point, self)
        if v != v:
            raise ValueError("condition %s is undefined at the point" % symbol)
        return 1 if (v >= 0 if kind == "ge" else v == 0) else 0

    def reduce(self, expr):
        """Uses [c]**k = [c] (brackets are 0 or 1)."""
        powers = {p: p.base for p in expr.atoms(sympy.Pow) if p.base in self.conditions and p.exp.is_positive}
        return expr.xreplace(powers) if powers else expr


INDICATORS = Indicators()


def _number(text):
    exact = sympy.Rational(text)
    if exact.q == 1 or exact == 0:
        return exact
    snapped = exact.limit_denominator(SNAP_DENOMINATOR)
    if abs(snapped - exact) <= SNAP_TOLERANCE * abs(exact):
        return snapped
    return exact


class Floor(sympy.Function):
    """Math.Floor: SymPy's floor, except that its derivative is 0 (SymPy leaves Derivative(floor(x), x) unevaluated).

    0 is the derivative everywhere but at the integers, where there is none: the convention of the generator's table.
    """

    @classmethod
    def eval(cls, x):
        # is_number, not is_Number: at a numeric point the argument may still be an expression (log(5)/log(2)).
        if x.is_number:
            return sympy.floor(x)
        return None

    def fdiff(self, argindex=1):
        return sympy.Integer(0)


class sign(sympy.sign):  # noqa: N801 -- the name SymPy prints (srepr, str) for it
    """sign, whose derivative is 0: the generator's convention for Math.Sign (exact everywhere but at 0).

    SymPy's own is 2*DiracDelta(u)*u' when it can tell that u is real, and an unevaluated Derivative when it cannot
    (sign(log(cos(a) + 2))). Still a sympy.sign, so the Abs rules below (|v| = v*sign(v), _without_sign) apply to it.
    """

    def _eval_derivative(self, x):
        return sympy.Integer(0)


class RoundHalfEven(sympy.Function):
    """Math.Round(double): the nearest integer, ties to even; derivative 0 (everywhere but at half-integers)."""

    @classmethod
    def eval(cls, x):
        if x.is_number:
            below = sympy.floor(x)
            rest = x - below
            half = sympy.Rational(1, 2)
            if rest > half or (rest == half and below % 2 == 1):
                return below + 1
            return below
        return None

    def fdiff(self, argindex=1):
        return sympy.Integer(0)


USER_FUNCTION = re.compile(r"^user_[A-Za-z0-9_]+$")
_USER_FUNCTIONS = {}


def user_function(name):
    """A function of the user's code with a hand-written derivative ([DerivativeOf]), opaque to SymPy.

    user_F is F and user_F__dk its partial derivative in argument k (the user's derivative method), as the generator
    prints them; the derivative of user_F in argument k is user_F__dk, so SymPy's derivative of a right-hand side and
    the generated Jacobian meet in the same undefined functions and the chain rule is checked symbolically. SymPy
    cannot evaluate them (their values are NaN here); the verifier checks the partials against central differences.
    """
    cls = _USER_FUNCTIONS.get(name)
    if cls is None:
        def fdiff(self, argindex=1):
            return user_function("%s__d%d" % (name, argindex))(*self.args)

        cls = type(name, (sympy.Function,), {"fdiff": fdiff})
        _USER_FUNCTIONS[name] = cls
    return cls


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
    "atan2": sympy.atan2,
    "asin": sympy.asin,
    "acos": sympy.acos,
    "asinh": sympy.asinh,
    "acosh": sympy.acosh,
    "atanh": sympy.atanh,
    "floor": Floor,
    "round_half_even": RoundHalfEven,
    "sec": sympy.sec,
    "sech": sympy.sech,
    "Abs": sympy.Abs,
    "sign": sign,
    "Heaviside": sympy.Heaviside,
    "Max": INDICATORS.max,
    "Min": INDICATORS.min,
    "Piecewise": INDICATORS.piecewise,
    "Eq": lambda a, b: sympy.Eq(a, b, evaluate=False),
    "Ne": lambda a, b: sympy.Ne(a, b, evaluate=False),
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
                if is_call and value not in FUNCTIONS and USER_FUNCTION.match(value):
                    global_dict[value] = user_function(value)
                    result.append((kind, value))
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


def evaluate(expr, point, indicators=None):
    """The value of expr at point (symbol -> Float), as a Python float; NaN where it is not a finite real."""
    indicators = indicators or INDICATORS
    try:
        values = dict(point)
        for symbol in expr.free_symbols:
            if symbol in indicators.conditions:
                values[symbol] = sympy.Integer(indicators.value(symbol, point))
        value = expr.xreplace(values)
        if not value.is_number:
            return float("nan")
        value = sympy.N(value, EVALUATION_DIGITS)
        if value.is_real is False or value.has(sympy.zoo, sympy.nan, sympy.I):
            return float("nan")
        return float(value)
    except (TypeError, ValueError, ZeroDivisionError, OverflowError):
        return float("nan")


def _without_sign(expr):
    """expr with every sign(u) written u/Abs(u), its value wherever u != 0.

    simplify() rewrites sign(u) as Piecewise((0, Eq(u, 0)), (u/Abs(u), True)), and SymPy's piecewise_simplify then
    substitutes one Eq into the next and takes the result apart as a relation, which fails with "'BooleanTrue' object
    has no attribute 'lhs'" when the substitution decides it (u = alpha - is makes Eq(u**3 expanded, 0) True; SymPy
    1.11 and 1.14 alike). Conditionals never reach Piecewise here (see Indicators), and u = 0 is one of the
    measure-zero sets the generic-point proofs already leave out, so only the u != 0 branch is kept.
    """
    return expr.replace(lambda e: isinstance(e, sympy.sign), lambda e: e.args[0] / sympy.Abs(e.args[0]))


def _simplifies_to_zero(expr):
    if expr == 0:
        return True
    if sympy.count_ops(expr) > SIMPLIFY_OPERATION_LIMIT:
        return False
    return sympy.simplify(_without_sign(expr)) == 0


class ProofTimeout(Exception):
    pass


def _on_alarm(signum, frame):
    raise ProofTimeout()


class RationalNormalizer:
    """Rewrites expressions as rational functions over "atoms" (function applications, non-integer powers).

    Two expressions are equal when their rational functions are: the cross-multiplied numerators expand to the same
    polynomial. Atoms are shared between both sides by a key in which their arguments are themselves normalised, so
    sin(2*(x + 1)) and sin(2*x + 2) are one atom; exp(a + b) and x**(s + 1) are split into exp(a)*exp(b) and
    x*x**s. Closed-form constants (log(5/2)) become numbers, as the generator folds them to doubles, and atom keys
    round numbers to KEY_DIGITS significant digits so that folded doubles and exact values meet.
    """

    def __init__(self):
        self.atoms = {}
        self.signs = set()  # atoms that stand for sign(v): their powers reduce (see reduce_signs)

    def atom(self, key):
        symbol = self.atoms.get(key)
        if symbol is None:
            symbol = self.atoms[key] = sympy.Symbol("_atom%d" % len(self.atoms))
        return symbol

    def key(self, expr):
        rounded = expr.xreplace({n: sympy.Rational(str(sympy.Float(n, KEY_DIGITS)))
                                 for n in expr.atoms(sympy.Number) if not n.is_Integer})
        return sympy.cancel(rounded)

    def normal(self, expr):
        if expr.is_Symbol or expr.is_Number:
            return expr
        if expr.is_number:
            return sympy.Float(sympy.N(expr, EVALUATION_DIGITS), EVALUATION_DIGITS)
        if expr.is_Add:
            return sympy.Add(*[self.normal(a) for a in expr.args])
        if expr.is_Mul:
            return sympy.Mul(*[self.normal(a) for a in expr.args])
        if expr.is_Pow:
            base = self.normal(expr.base)
            if expr.exp.is_Integer:
                return base ** expr.exp
            result = sympy.Integer(1)
            for term in sympy.Add.make_args(expr.exp):
                if term.is_Integer:
                    result *= base ** term
                else:
                    result *= self.atom(("pow", self.key(base), self.key(self.normal(term))))
            return result
        if isinstance(expr, (sympy.Abs, sympy.sign)):
            # For reals, |ab| = |a||b|, |a^k| = |a|^k, sign(ab) = sign(a)sign(b), sign(a^k) = sign(a)^k: SymPy applies
            # some of these on construction (Abs(u**3) -> u**2*Abs(u)) but not others (sign(u**3)).
            arg = expr.args[0]
            if arg.is_Mul:
                return sympy.Mul(*[self.normal(type(expr)(a)) for a in arg.args])
            if arg.is_Pow and arg.exp.is_Integer:
                exponent = arg.exp if isinstance(expr, sympy.Abs) or arg.exp % 2 else 2
                return self.normal(type(expr)(arg.base)) ** exponent
            if isinstance(expr, sympy.Abs):
                # |v| = v*sign(v) for reals: one atom for both, so that the derivative of |u**3| written with sign
                # (SymPy's) and with Abs (a hand-simplified claim) meet.
                return self.normal(arg) * self.normal(sympy.sign(arg))
            # sign(-v) = -sign(v): one atom for both, as SymPy does not always extract the sign (sign(-a + b)).
            key = self.key(self.normal(arg))
            negated = key.could_extract_minus_sign()
            symbol = self.atom(("sign", -key if negated else key))
            self.signs.add(symbol)
            return -symbol if negated else symbol
        if isinstance(expr, sympy.exp):
            result = sympy.Integer(1)
            for term in sympy.Add.make_args(expr.args[0]):
                result *= self.atom(("exp", self.key(self.normal(term))))
            return result
        return self.atom((type(expr).__name__,) + tuple(self.key(self.normal(a)) for a in expr.args))

    def reduce_signs(self, expr):
        """Uses sign(v)**k = sign(v) for odd k and sign(v)**2 for even k >= 2 (exact for every real v, 0 included)."""
        powers = {p: p.base ** (1 if p.exp % 2 else 2) for p in expr.atoms(sympy.Pow)
                  if p.base in self.signs and p.exp.is_Integer and p.exp > 2}
        return expr.xreplace(powers) if powers else expr


def _coefficients(expr):
    """{monomial: coefficient} of an expanded polynomial."""
    terms = {}
    for term in sympy.Add.make_args(expr):
        coefficient, monomial = term.as_coeff_Mul()
        terms[monomial] = terms.get(monomial, sympy.Integer(0)) + coefficient
    return terms


def equal_as_rational_functions(claimed, reference):
    """Whether both sides are the same rational function of shared atoms, coefficients equal to CONSTANT_TOLERANCE.

    The tolerance absorbs constants the generator folded in double precision (log(2.5) -> 0.9162907318741551,
    3*0.1 -> 0.30000000000000004), which exact arithmetic would leave as 1e-17 residues that nothing can remove.
    """
    normalizer = RationalNormalizer()
    a = sympy.together(normalizer.reduce_signs(INDICATORS.reduce(normalizer.normal(claimed))))
    b = sympy.together(normalizer.reduce_signs(INDICATORS.reduce(normalizer.normal(reference))))
    na, da = a.as_numer_denom()
    nb, db = b.as_numer_denom()
    # Expanding multiplies sign atoms (and brackets) together again: reduce their powers in the products too.
    left = _coefficients(normalizer.reduce_signs(INDICATORS.reduce(sympy.expand(na * db))))
    right = _coefficients(normalizer.reduce_signs(INDICATORS.reduce(sympy.expand(nb * da))))
    scale = max([abs(float(v)) for v in list(left.values()) + list(right.values()) if v.is_number] or [1.0])
    for monomial in set(left) | set(right):
        x = left.get(monomial, sympy.Integer(0))
        y = right.get(monomial, sympy.Integer(0))
        if not (x.is_number and y.is_number):
            return False
        if x != y and abs(float(x) - float(y)) > CONSTANT_TOLERANCE * scale:
            return False
    return True


def is_zero(expr, claimed=None, reference=None):
    """Tries to prove expr == 0: structurally, after expand (with [c]**k = [c]), up to the rounding of folded
    constants, then by simplify in each condition case."""
    if expr == 0:
        return True, "identical"
    expanded = sympy.expand(INDICATORS.reduce(sympy.expand(expr)))
    if expanded == 0:
        return True, "expand"
    if claimed is not None and equal_as_rational_functions(claimed, reference):
        return True, "equal rational functions of shared atoms, constants to %g" % CONSTANT_TOLERANCE
    # Generic points: with every variable nonzero, sign(w**2) is 1 and Abs(w**2) is w**2, identities that hold
    # everywhere the derivatives are compared but that SymPy cannot use for a variable that may be 0.
    nonzero = {s: sympy.Symbol(s.name, real=True, nonzero=True) for s in expanded.free_symbols if s not in INDICATORS.conditions}
    if sympy.expand(INDICATORS.reduce(expanded.xreplace(nonzero))) == 0:
        return True, "expand, with every variable nonzero"
    brackets = sorted((s for s in expanded.free_symbols if s in INDICATORS.conditions), key=str)
    if len(brackets) > MAX_CONDITION_CASES:
        return (True, "simplify") if _simplifies_to_zero(expanded) else (False, None)
    # A bracket is 0 or 1: the residual is zero iff it is zero in every case.
    for case in itertools.product((0, 1), repeat=len(brackets)):
        piece = expanded.xreplace(dict(zip(brackets, map(sympy.Integer, case))))
        if not _simplifies_to_zero(piece):
            return False, None
    return True, "simplify" if not brackets else "simplify in each of %d condition case(s)" % (2 ** len(brackets))


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
    signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, PROOF_SECONDS)
    why = "expand/simplify could not reduce claimed - reference to 0"
    try:
        proved, how = is_zero(residual, claimed, reference)
    except ProofTimeout:
        proved, why = False, "no proof within %g s" % PROOF_SECONDS
    except RecursionError:
        proved, why = False, "expression too deep to prove"
    except (AttributeError, TypeError) as error:
        # A SymPy defect inside expand/simplify (like the Piecewise one _without_sign avoids) costs this entry its
        # proof, not the whole model its check: the random points below still find a counterexample if there is one.
        proved, why = False, "SymPy raised %s while proving: %s" % (type(error).__name__, error)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    if proved:
        return "equal", "claimed - reference reduces to 0 (%s)" % how
    return identity_test(claimed, reference, points, why)


def identity_test(claimed, reference, points, why):
    """No proof: compare at IDENTITY_POINTS random points at 30 digits (a counterexample, or numeric equality)."""
    symbols = sorted(set().union(*[set(p) for p in points]) if points else
                     (claimed.free_symbols | reference.free_symbols) - set(INDICATORS.conditions), key=str)
    generator = random.Random(zlib.crc32((str(claimed) + "|" + str(reference)).encode()))
    compared = 0
    for _ in range(IDENTITY_POINTS):
        point = {s: sympy.Float(generator.uniform(-2.0, 2.0), EVALUATION_DIGITS) for s in symbols}
        c = evaluate(claimed, point)
        r = evaluate(reference, point)
        if c != c or r != r:
            continue
        compared += 1
        if abs(c - r) > IDENTITY_TOLERANCE * (1.0 + abs(c) + abs(r)):
            where = ", ".join("%s=%r" % (s, float(v)) for s, v in point.items())
            return "different", "%s; at %s: claimed %r, reference %r" % (why, where, c, r)
    if compared < IDENTITY_POINTS // 2:
        text = str(claimed - reference)
        return "unknown", "%s, and only %d random point(s) were in the domain; residual %s" % (
            why, compared, text if len(text) <= 300 else text[:300] + "...")
    return "numeric", "%s; equal to %g at %d random point(s) (30-digit evaluation) but not proved" % (
        why, IDENTITY_TOLERANCE, compared)


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
    # Diagnostics: NEURALODEGEN_ORACLE_LOG=<file> appends each request's duration and text, to find slow entries.
    log_path = os.environ.get("NEURALODEGEN_ORACLE_LOG")
    log = open(log_path, "a", encoding="utf-8") if log_path else None
    sys.stdout.write(json.dumps({"ready": True, "sympy": sympy.__version__,
                                 "python": "%d.%d.%d" % sys.version_info[:3]}) + "\n")
    sys.stdout.flush()
    oracle = Oracle()
    for line in sys.stdin:
        if not line.strip():
            continue
        started = time.perf_counter()
        sys.stdout.write(json.dumps(oracle.handle(line)) + "\n")
        sys.stdout.flush()
        if log:
            log.write("%.4f %s" % (time.perf_counter() - started, line if line.endswith("\n") else line + "\n"))
            log.flush()


if __name__ == "__main__":
    main()
