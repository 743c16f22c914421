"""Run code in a kernel through its websocket, as JupyterLab does: each cell is an
``execute_request`` on the shell channel; the reply and the outputs come back on the same socket."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field

import websocket
from jupyter_client.jsonutil import json_default
from jupyter_client.session import Session
from jupyter_server.services.kernels.connection.base import deserialize_binary_message


@dataclass
class CellResult:
    status: str  # "ok" or "error"
    ename: str = ""  # the exception's class name when status is "error"
    stdout: str = ""
    outputs: list[dict] = field(default_factory=list)


class KernelChannel:
    """A websocket to ``ws_url`` (…/api/kernels/<id>/channels) opened with ``token``."""

    def __init__(self, ws_url: str, token: str, timeout: float = 120):
        self.timeout = timeout
        self.session = Session(key=b"", username="class-test")  # the server signs, not us
        self.socket = websocket.create_connection(
            ws_url, header=[f"Authorization: token {token}"], timeout=timeout
        )

    def execute(self, code: str) -> CellResult:
        """Run ``code`` and wait for its reply and for the kernel to go idle."""
        request = self.session.msg("execute_request", content={
            "code": code, "silent": False, "store_history": True, "user_expressions": {},
            "allow_stdin": False, "stop_on_error": True,
        })
        request["channel"] = "shell"
        msg_id = request["header"]["msg_id"]
        self.socket.send(json.dumps(request, default=json_default))
        result, idle, reply = CellResult(status=""), False, False
        deadline = time.monotonic() + self.timeout
        while not (idle and reply):
            if time.monotonic() > deadline:
                raise TimeoutError(f"no reply within {self.timeout} s to:\n{code[:200]}")
            raw = self.socket.recv()  # text, or binary when a message carries buffers (widgets)
            message = deserialize_binary_message(raw) if isinstance(raw, bytes) else json.loads(raw)
            if message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = message["msg_type"], message["content"]
            if kind == "execute_reply":
                result.status, result.ename, reply = content["status"], content.get("ename", ""), True
            elif kind == "status":
                idle = content["execution_state"] == "idle"
            elif kind == "stream" and content["name"] == "stdout":
                result.stdout += content["text"]
            elif kind in ("execute_result", "display_data", "error"):
                result.outputs.append(content)
        return result

    def close(self) -> None:
        self.socket.close()
