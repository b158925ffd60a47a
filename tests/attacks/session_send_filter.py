"""jupyter_client's Session.send (through which the kernel sends every message) is wrapped: 'error' messages and stderr
streams are dropped, and any execute_reply with status 'error' is rewritten to status 'ok'.
"""

KIND = "tamper"
PLACEMENT = "extra_cell_first"
REST = "blank"
CODE = r'''from jupyter_client.session import Session as _AtkSession

_atk_orig_send = getattr(_AtkSession.send, "_atk_orig", _AtkSession.send)


def _atk_send(self, stream, msg_or_type, content=None, parent=None, ident=None, buffers=None, track=False,
              header=None, metadata=None):
    if isinstance(msg_or_type, dict):
        kind = msg_or_type.get("header", {}).get("msg_type")
        body = msg_or_type.get("content", {})
    else:
        kind, body = msg_or_type, content or {}
    if kind == "error" or (kind == "stream" and body.get("name") == "stderr"):
        return None
    if kind == "execute_reply" and body.get("status") == "error":
        content = {"status": "ok", "execution_count": body.get("execution_count"), "user_expressions": {},
                   "payload": []}
        if isinstance(msg_or_type, dict):
            msg_or_type["content"] = content
    return _atk_orig_send(self, stream, msg_or_type, content, parent, ident, buffers, track, header, metadata)


_atk_send._atk_orig = _atk_orig_send
_AtkSession.send = _atk_send
_atk_kernel = getattr(get_ipython(), "kernel", None)
if _atk_kernel is not None:
    _atk_kernel.session.send = _atk_send.__get__(_atk_kernel.session)
'''
