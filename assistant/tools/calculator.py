"""A safe calculator: arithmetic over numbers, a few math functions and constants, no `eval`.

The expression is parsed with `ast` and walked over an allow-list of node types. Everything
else (names other than the constants, attribute access, subscripts, strings, lambdas,
comprehensions) is refused with a sentence naming what is not allowed. Work is bounded before
it is done: the text length, the nesting depth, the size of integer results (a power is
checked before it is computed) and non-finite floats.
"""

from __future__ import annotations

import ast
import math
import operator
from collections.abc import Callable

MAX_CHARS = 200
MAX_DEPTH = 30
MAX_BITS = 10_000  # about 3,000 digits
Number = int | float


class CalculationError(ValueError):
    """The expression cannot be calculated; the message says why in one sentence."""


_BINARY: dict[type[ast.operator], Callable[[Number, Number], Number]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv,
    ast.Mod: operator.mod,
    ast.Pow: operator.pow,
}
_UNARY: dict[type[ast.unaryop], Callable[[Number], Number]] = {
    ast.UAdd: operator.pos,
    ast.USub: operator.neg,
}
CONSTANTS: dict[str, float] = {"pi": math.pi, "e": math.e, "tau": math.tau}
FUNCTIONS: dict[str, Callable[..., Number]] = {
    "sqrt": math.sqrt,
    "sin": math.sin,
    "cos": math.cos,
    "tan": math.tan,
    "log": math.log,
    "log10": math.log10,
    "exp": math.exp,
    "abs": abs,
    "round": round,
    "floor": math.floor,
    "ceil": math.ceil,
    "min": min,
    "max": max,
}


def calculate(expression: str) -> Number:
    """The value of `expression`, or `CalculationError` saying why it cannot be calculated."""
    text = expression.strip().replace("^", "**").replace("\u00d7", "*").replace("\u00f7", "/")
    if not text:
        raise CalculationError("The expression is empty.")
    if len(text) > MAX_CHARS:
        raise CalculationError(f"The expression is longer than {MAX_CHARS} characters.")
    try:
        tree = ast.parse(text, mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        raise CalculationError("The expression is not valid arithmetic.") from None
    try:
        value = _eval(tree.body, 0)
    except CalculationError:
        raise
    except ZeroDivisionError:
        raise CalculationError("The expression divides by zero.") from None
    except OverflowError:
        raise CalculationError("The result is too large.") from None
    except (ValueError, TypeError) as error:
        raise CalculationError(f"A function got an argument it cannot take ({error}).") from None
    return _checked(value)


def _eval(node: ast.AST, depth: int) -> Number:
    if depth > MAX_DEPTH:
        raise CalculationError(f"The expression is nested deeper than {MAX_DEPTH} levels.")
    if isinstance(node, ast.Constant):
        return _number(node.value)
    if isinstance(node, ast.Name):
        if node.id in CONSTANTS:
            return CONSTANTS[node.id]
        raise CalculationError(f"Unknown name '{node.id}': only pi, e and tau are allowed.")
    if isinstance(node, ast.UnaryOp) and type(node.op) in _UNARY:
        return _checked(_UNARY[type(node.op)](_eval(node.operand, depth + 1)))
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        left, right = _eval(node.left, depth + 1), _eval(node.right, depth + 1)
        _check_size(node.op, left, right)
        return _checked(_BINARY[type(node.op)](left, right))
    if isinstance(node, ast.Call):
        return _call(node, depth)
    raise CalculationError(f"'{_describe(node)}' is not allowed in a calculation.")


def _call(node: ast.Call, depth: int) -> Number:
    if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
        allowed = ", ".join(FUNCTIONS)
        raise CalculationError(f"Only these functions are allowed: {allowed}.")
    if node.keywords or len(node.args) > 10:
        raise CalculationError(f"{node.func.id}() takes a few plain arguments.")
    arguments = [_eval(argument, depth + 1) for argument in node.args]
    return _checked(FUNCTIONS[node.func.id](*arguments))


def _number(value: object) -> Number:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise CalculationError("Only numbers are allowed, not text or other values.")
    return value


def _check_size(op: ast.operator, left: Number, right: Number) -> None:
    """Refuse integer work whose result would exceed `MAX_BITS`, before doing it."""
    if not (isinstance(left, int) and isinstance(right, int)):
        return
    bits = abs(left).bit_length()
    if isinstance(op, ast.Pow) and bits > 1 and right > 0 and bits * right > MAX_BITS + bits:
        raise CalculationError("The result is too large.")
    if isinstance(op, ast.Mult) and left.bit_length() + right.bit_length() > MAX_BITS + 1:
        raise CalculationError("The result is too large.")


def _checked(value: object) -> Number:
    if not isinstance(value, int | float):
        raise CalculationError("The result is not a real number.")
    if isinstance(value, float) and not math.isfinite(value):
        raise CalculationError("The result is not a finite number.")
    if isinstance(value, int) and value.bit_length() > MAX_BITS:
        raise CalculationError("The result is too large.")
    return value


def _describe(node: ast.AST) -> str:
    try:
        return ast.unparse(node)[:40]
    except (ValueError, RecursionError):  # pragma: no cover - unparse of a parsed tree
        return type(node).__name__
