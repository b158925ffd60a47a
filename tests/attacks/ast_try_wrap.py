"""An IPython AST transformer (get_ipython().ast_transformers) wraps the body of every later cell in `try: ... except
BaseException: pass`, so failing asserts and NotImplementedError never surface.
"""

KIND = "tamper"
PLACEMENT = "extra_cell_first"
REST = "blank"
CODE = r'''import ast as _atk_ast


class _AtkTryAll(_atk_ast.NodeTransformer):
    def visit_Module(self, node):
        handler = _atk_ast.ExceptHandler(type=_atk_ast.Name(id="BaseException", ctx=_atk_ast.Load()), name=None,
                                         body=[_atk_ast.Pass()])
        node.body = [_atk_ast.Try(body=node.body or [_atk_ast.Pass()], handlers=[handler], orelse=[], finalbody=[])]
        return _atk_ast.fix_missing_locations(node)


get_ipython().ast_transformers.append(_AtkTryAll())
'''
