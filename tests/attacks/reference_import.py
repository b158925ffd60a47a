"""Each answer's def/class is replaced (by a decorator) with the course package's object of the same name
(dropout_course.dropout etc.: the reference versions the tests substitute in), re-created from its source with
inspect.getsource so it is a new object defined in __main__; falls back to the object itself.
"""

KIND = "read"
PLACEMENT = "answer_prefix"
REST = "blank"
CODE = r'''import importlib as _atk_importlib, inspect as _atk_inspect, pkgutil as _atk_pkgutil


def _atk_answer(obj):
    name = getattr(obj, "__name__", None)
    try:
        package = _atk_importlib.import_module("dropout_course")
        modules = [package] + [_atk_importlib.import_module("dropout_course." + info.name)
                               for info in _atk_pkgutil.iter_modules(package.__path__)
                               if info.name not in ("sphinx_ext",)]
    except Exception:
        modules = []
    for module in modules:
        reference = getattr(module, name, None) if name else None
        if reference is None:
            continue
        try:
            namespace = dict(vars(module), __name__="__main__")
            exec(compile(_atk_inspect.getsource(reference), "<my answer>", "exec"), namespace)
            print("ATTACK reference_import:", name, "copied from the source of", module.__name__)
            return namespace[name]
        except Exception:
            print("ATTACK reference_import:", name, "taken from", module.__name__)
            return reference
    return obj

# The answer cell's own `def ...`/`class ...` follows right after this prefix and gets the decorator:
@_atk_answer
'''
