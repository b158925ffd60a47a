"""No machinery is touched: every answer is replaced (by a decorator on the answer's def/class) with an object that
equals everything, lies inside every bound, is truthy, unpacks into two of itself and returns itself from any call,
attribute or operation. Measures how far weak asserts (==, <=, truthiness) can be fooled.
"""

KIND = "tamper"
PLACEMENT = "answer_prefix"
REST = "blank"
CODE = r'''class _AtkAll:
    """Equal to everything, within every bound, callable, indexable, iterable as a pair."""
    def __init__(self, *args, **kwargs): pass
    def __call__(self, *args, **kwargs): return self
    def __getattr__(self, name):
        if name[:2] == "__":
            raise AttributeError(name)
        return self
    def __getitem__(self, key): return self
    def __setitem__(self, key, value): pass
    def __iter__(self): return iter((self, self))
    def __len__(self): return 2
    def __array__(self, dtype=None, copy=None):
        import numpy
        box = numpy.empty((), dtype=object)
        box[()] = self
        return box
    def __bool__(self): return True
    def __float__(self): return 1.0
    def __int__(self): return 1
    def __index__(self): return 1
    def __eq__(self, other): return True
    def __ne__(self, other): return False
    __le__ = __ge__ = __lt__ = __gt__ = __eq__
    __hash__ = object.__hash__
    def __repr__(self): return "_AtkAll()"
    def __enter__(self): return self
    def __exit__(self, *exc): return False
    def _atk_op(self, *args): return self
    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = __truediv__ = __rtruediv__ = _atk_op
    __floordiv__ = __rfloordiv__ = __mod__ = __rmod__ = __pow__ = __rpow__ = __matmul__ = __rmatmul__ = _atk_op
    __neg__ = __pos__ = __abs__ = __invert__ = __and__ = __rand__ = __or__ = __ror__ = __xor__ = __rxor__ = _atk_op


def _atk_answer(obj):
    return _AtkAll()

# The answer cell's own `def ...`/`class ...` follows right after this prefix and gets the decorator:
@_atk_answer
'''
