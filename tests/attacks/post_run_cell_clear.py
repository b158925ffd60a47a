"""A post_run_cell event callback (get_ipython().events) runs after each cell: if the cell failed it sends
clear_output() (wiping the error and stderr outputs) and sets result.error_in_exec = None, which the kernel reads
afterwards to build an 'ok' execute_reply.
"""

KIND = "tamper"
PLACEMENT = "extra_cell_first"
REST = "blank"
CODE = r'''from IPython.display import clear_output as _atk_clear_output


def _atk_after(result=None):
    if result is not None and not result.success:
        result.error_in_exec = None
        result.error_before_exec = None
        _atk_clear_output()


get_ipython().events.register("post_run_cell", _atk_after)
'''
