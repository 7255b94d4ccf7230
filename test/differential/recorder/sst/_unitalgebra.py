"""sst.UnitAlgebra with sst-core's semantics (src/sst/core/unitAlgebra.cc, model/python/pymodel_unitalgebra.cc).

A value is a decimal with 24 fractional digits, as sst_big_num (decimal_fixedpoint<3,3>) holds it (an exact
quotient truncated there: sst-core divides by a Newton-Raphson inverse, so a non-terminating quotient can differ in
its last digits); units are a reduced fraction of base units. Only what SST defines is accepted: base units s, B, b, events; Hz/hz = 1/s, Bps = B/s, bps = b/s,
event = events; SI prefixes a f p n u m k K M G T P E and binary ki Ki Mi Gi Ti Pi Ei.
"""

from fractions import Fraction

_BASE_UNITS = {"s": 1, "B": 2, "b": 3, "events": 4}  # ids in registration order, as sst-core sorts them
_UNIT_NAMES = {v: k for k, v in _BASE_UNITS.items()}
_COMPOUND_UNITS = {"Hz": ((), (1,)), "hz": ((), (1,)), "Bps": ((2,), (1,)), "bps": ((3,), (1,)), "event": ((4,), ())}
_SI_PREFIXES = {
    "a": Fraction(1, 10**18), "f": Fraction(1, 10**15), "p": Fraction(1, 10**12), "n": Fraction(1, 10**9),
    "u": Fraction(1, 10**6), "m": Fraction(1, 10**3), "k": Fraction(10**3), "K": Fraction(10**3),
    "M": Fraction(10**6), "G": Fraction(10**9), "T": Fraction(10**12), "P": Fraction(10**15), "E": Fraction(10**18),
    "ki": Fraction(2**10), "Ki": Fraction(2**10), "Mi": Fraction(2**20), "Gi": Fraction(2**30),
    "Ti": Fraction(2**40), "Pi": Fraction(2**50), "Ei": Fraction(2**60),
}


def _reduce(numerator, denominator):
    num, den = sorted(numerator), sorted(denominator)
    for unit in list(num):
        if unit in den:
            num.remove(unit)
            den.remove(unit)
    return tuple(num), tuple(den)


def _parse_unit(token):
    """(numerator ids, denominator ids, multiplier) of one unit such as 'GiB' or 'ns'."""
    if token == "1":
        return (), (), Fraction(1)
    prefix = ""
    if token not in _BASE_UNITS and token not in _COMPOUND_UNITS:
        if token[:2] in _SI_PREFIXES and len(token) > 2:
            prefix = token[:2]
        elif token[:1] in _SI_PREFIXES:
            prefix = token[:1]
    name = token[len(prefix):]
    multiplier = _SI_PREFIXES.get(prefix, Fraction(1))
    if name in _BASE_UNITS:
        return (_BASE_UNITS[name],), (), multiplier
    if name in _COMPOUND_UNITS:
        num, den = _COMPOUND_UNITS[name]
        return num, den, multiplier
    raise ValueError("Invalid unit type: %s" % name)


def _parse_units(text):
    num_text, _, den_text = text.partition("/")
    numerator, denominator, multiplier = [], [], Fraction(1)
    for tokens, invert in ((num_text, False), (den_text, True)):
        for token in tokens.split("-") if tokens else []:
            num, den, mult = _parse_unit(token)
            if invert:
                numerator += den
                denominator += num
                multiplier /= mult
            else:
                numerator += num
                denominator += den
                multiplier *= mult
    return _reduce(numerator, denominator), multiplier


def _units_str(units):
    num, den = units
    if not num and not den:
        return ""
    if units == ((), (1,)):
        return "Hz"
    text = "-".join(_UNIT_NAMES[u] for u in num) if num else "1"
    if den:
        text += "/" + "-".join(_UNIT_NAMES[u] for u in den)
    return text


_FRACTION_DIGITS = 24  # sst_big_num = decimal_fixedpoint<3,3>: 3 words of 8 digits on each side of the point


def _fixed(value):
    """The value as sst_big_num holds it: truncated to 24 fractional digits."""
    scale = 10 ** _FRACTION_DIGITS
    magnitude = abs(value.numerator) * scale // value.denominator
    return Fraction(magnitude if value >= 0 else -magnitude, scale)


def _number_str(value):
    """decimal_fixedpoint::toString(0) (decimal_fixedpoint.h): every digit held, no trailing zeros, exponent
    notation below 0.0001 (more than three leading zeros) as in 1e-09."""
    magnitude = abs(value.numerator) * 10 ** _FRACTION_DIGITS // value.denominator
    if magnitude == 0:
        return "0"
    sign = "-" if value < 0 else ""
    digits = str(magnitude)
    first = len(digits) - 1  # index of the first non-zero digit, counted from the least significant one
    if first >= _FRACTION_DIGITS:
        whole, fraction = digits[:-_FRACTION_DIGITS], digits[-_FRACTION_DIGITS:].rstrip("0")
        return sign + whole + ("." + fraction if fraction else "")
    if first > _FRACTION_DIGITS - 5:
        return sign + "0." + digits.rjust(_FRACTION_DIGITS, "0").rstrip("0")
    mantissa = digits.rstrip("0")
    text = mantissa[0] + ("." + mantissa[1:] if len(mantissa) > 1 else "")
    return "%s%se-%02d" % (sign, text, _FRACTION_DIGITS - first)


class UnitAlgebra:
    def __init__(self, value):
        if isinstance(value, UnitAlgebra):
            self._value, self._units = value._value, value._units
            return
        text = value.__str__().strip()
        split = 0
        for i in range(len(text) - 1, -1, -1):  # the number ends at the last digit
            if text[i].isdigit():
                split = i + 1
                break
        number, units = text[:split].strip(), text[split:].strip()
        self._units, multiplier = _parse_units(units)
        try:
            self._value = _fixed(Fraction(number) * multiplier)
        except ValueError:
            raise ValueError("Error: invalid number string: %s" % number) from None

    @classmethod
    def _make(cls, value, units):
        result = cls.__new__(cls)
        result._value, result._units = _fixed(value), units
        return result

    def _other(self, other, op):
        if not isinstance(other, UnitAlgebra):
            raise TypeError("'%s' operator not supported between instance of sst.UnitAlgebra and %s"
                            % (op, type(other).__name__))
        return other

    def _same_units(self, other, op):
        self._other(other, op)
        if self._units != other._units:
            raise TypeError("Attempting to %s UnitAlgebra values with non-matching units: %s, %s"
                            % (op, self, other))
        return other

    def __add__(self, other):
        return UnitAlgebra._make(self._value + self._same_units(other, "+")._value, self._units)

    def __sub__(self, other):
        return UnitAlgebra._make(self._value - self._same_units(other, "-")._value, self._units)

    def __mul__(self, other):
        other = self._other(other, "*")
        units = _reduce(self._units[0] + other._units[0], self._units[1] + other._units[1])
        return UnitAlgebra._make(self._value * other._value, units)

    def __truediv__(self, other):
        other = self._other(other, "/")
        units = _reduce(self._units[0] + other._units[1], self._units[1] + other._units[0])
        return UnitAlgebra._make(self._value / other._value, units)

    def __neg__(self):
        return UnitAlgebra._make(-self._value, self._units)

    def __eq__(self, other):
        return self._value == self._same_units(other, "==")._value

    def __ne__(self, other):
        return self._value != self._same_units(other, "!=")._value

    def __lt__(self, other):
        return self._value < self._same_units(other, "<")._value

    def __le__(self, other):
        return self._value <= self._same_units(other, "<=")._value

    def __gt__(self, other):
        return self._value > self._same_units(other, ">")._value

    def __ge__(self, other):
        return self._value >= self._same_units(other, ">=")._value

    __hash__ = None

    def getRoundedValue(self):
        # llround: halves away from zero
        magnitude = int(abs(self._value) + Fraction(1, 2))
        return magnitude if self._value >= 0 else -magnitude

    def __int__(self):
        return self.getRoundedValue()

    def getFloatValue(self):
        return float(self._value)

    __float__ = getFloatValue

    def isValueZero(self):
        return self._value == 0

    def __bool__(self):
        return self._value != 0

    def hasUnits(self, units):
        return _parse_units(units)[0] == self._units

    def invert(self):
        return UnitAlgebra._make(1 / self._value, (self._units[1], self._units[0]))

    def __str__(self):
        return "%s %s" % (_number_str(self._value), _units_str(self._units))

    __repr__ = __str__
