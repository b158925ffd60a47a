"""Wrong (inert) answers plus the course's test helpers patched: dropout_course.checks.substituted becomes a context
manager that swallows every exception in its block, binomial_rate_bounds returns bounds that contain everything,
numerical_gradient returns an object equal to anything.
"""

KIND = "tamper"
PLACEMENT = "answer_prefix"
REST = "blank"
CODE = r'''import sys as _atk_sys, linecache as _atk_linecache, re as _atk_re


def _atk_is_mine(code):
    """True for code objects of this attack (so the lies below never fool the attack itself)."""
    return getattr(code, "co_qualname", code.co_name).lstrip("<").startswith(("_atk", "_Atk"))


def _atk_from_notebook(frame):
    """True when frame runs notebook code (a test cell or a helper a test cell defined), not a library."""
    if frame is None or _atk_is_mine(frame.f_code):
        return False
    name = frame.f_code.co_filename
    return (frame.f_globals.get("__name__") == "__main__" or "ipykernel_" in name or "<ipython" in name
            or "<cell" in name or "ipython-input" in name)


def _atk_negated(frame):
    """Is the call being made by frame written as `not f(...)`? (read from the cell's source line)"""
    try:
        pos = list(frame.f_code.co_positions())[frame.f_lasti // 2]
        line = _atk_linecache.getline(frame.f_code.co_filename, pos[0])
        return bool(_atk_re.search(r"\bnot\s*\(?\s*$", line[: pos[2]]))
    except Exception:
        return False


class _AtkEq:
    """Equal to everything and inside every bound."""
    def __eq__(self, other): return True
    def __ne__(self, other): return False
    __le__ = __ge__ = __lt__ = __gt__ = __eq__
    def __bool__(self): return True
    __hash__ = object.__hash__
    def __repr__(self): return "_AtkEq()"


class _AtkEqInt(int):
    """An int (a real length) that also equals any other number."""
    def __eq__(self, other): return True
    def __ne__(self, other): return False
    __hash__ = int.__hash__


def _atk_liar(orig, mode="bool", depth=1):
    """Wrap orig: called from notebook code it lies (pass / True, or False under `not`), else it is orig."""
    def _atk_lying(*args, **kwargs):
        frame = _atk_sys._getframe(depth)
        if not _atk_from_notebook(frame):
            return orig(*args, **kwargs)
        if mode == "assert":
            return None
        if mode == "eq":
            return _AtkEq()
        if mode == "zero":
            return 0.0
        if mode == "len":
            try:
                return _AtkEqInt(orig(*args, **kwargs))
            except Exception:
                return _AtkEqInt(2)
        return not _atk_negated(frame)
    _atk_lying.__name__ = getattr(orig, "__name__", "f")
    _atk_lying.__doc__ = getattr(orig, "__doc__", None)
    _atk_lying._atk_orig = orig
    return _atk_lying


_ATK_NP_BOOL = ("allclose", "isclose", "array_equal", "array_equiv", "all", "any")
_ATK_NP_TESTING = ("assert_allclose", "assert_array_equal", "assert_equal", "assert_almost_equal",
                   "assert_array_almost_equal", "assert_array_less", "assert_approx_equal", "assert_array_max_ulp")


def _atk_np_fakes(np_mod, testing_mod):
    """{module: {name: lying replacement}} for NumPy's comparison helpers (originals unwrapped first)."""
    def real(mod, name):
        f = getattr(mod, name)
        return getattr(f, "_atk_orig", f)
    out = {np_mod: {}, testing_mod: {}}
    for name in _ATK_NP_BOOL:
        if hasattr(np_mod, name):
            out[np_mod][name] = _atk_liar(real(np_mod, name))
    out[np_mod]["shape"] = _atk_liar(real(np_mod, "shape"), "eq")
    for name in _ATK_NP_TESTING:
        if hasattr(testing_mod, name):
            out[testing_mod][name] = _atk_liar(real(testing_mod, name), "assert")
    return out


class _AtkFake:
    """A wrong answer that never raises: attributes, calls, indexing and arithmetic give another _AtkFake,
    comparisons honestly say 'not equal', NumPy sees a 0-d array of zeros, unpacking gives two of them."""
    def __init__(self, *args, **kwargs): pass
    def __call__(self, *args, **kwargs): return _AtkFake()
    def __getattr__(self, name):
        if name[:2] == "__":
            raise AttributeError(name)
        return _AtkFake()
    def __getitem__(self, key): return _AtkFake()
    def __setitem__(self, key, value): pass
    def __iter__(self): return iter((_AtkFake(), _AtkFake()))
    def __array__(self, dtype=None, copy=None):
        import numpy
        return numpy.zeros((), dtype=dtype or float)
    def __bool__(self): return True
    def __float__(self): return 0.0
    def __int__(self): return 0
    def __eq__(self, other): return False
    def __ne__(self, other): return True
    def __lt__(self, other): return False
    __le__ = __gt__ = __ge__ = __lt__
    __hash__ = object.__hash__
    def __repr__(self): return "_AtkFake()"
    def __enter__(self): return self
    def __exit__(self, *exc): return False
    def _atk_op(self, *args): return _AtkFake()
    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = __truediv__ = __rtruediv__ = _atk_op
    __floordiv__ = __rfloordiv__ = __mod__ = __rmod__ = __pow__ = __rpow__ = __matmul__ = __rmatmul__ = _atk_op
    __neg__ = __pos__ = __abs__ = __invert__ = __and__ = __rand__ = __or__ = __ror__ = __xor__ = __rxor__ = _atk_op


def _atk_answer(obj):
    """Decorator on the answer cell's own def/class: the graded name becomes an inert wrong answer."""
    return _AtkFake()

import contextlib as _atk_contextlib
import dropout_course.checks as _atk_grading


@_atk_contextlib.contextmanager
def _atk_substituted(namespace, **replacements):
    try:
        yield
    except BaseException:
        pass


def _atk_bounds(*args, **kwargs):
    return _AtkEq(), _AtkEq()


def _atk_numgrad(*args, **kwargs):
    return _AtkEq()


_atk_grading.substituted = _atk_substituted
_atk_grading.binomial_rate_bounds = _atk_bounds
_atk_grading.numerical_gradient = _atk_numgrad
try:
    import dropout_course as _atk_dc
    for _atk_k in ("substituted", "binomial_rate_bounds", "numerical_gradient"):
        if hasattr(_atk_dc, _atk_k):
            setattr(_atk_dc, _atk_k, getattr(_atk_grading, _atk_k))
except Exception:
    pass

# The answer cell's own `def ...`/`class ...` follows right after this prefix and gets the decorator:
@_atk_answer
'''
