"""A protocol that answers malformed requests with an error instead of dropping them.

pygls turns a request whose params do not match the method's type (``{"textDocument": {"uri": 5}}`` for a hover)
into an exception while decoding it, before any handler runs, and never answers it: the client waits forever. Here
such a request gets an ``InvalidParams`` error response, and the server goes on reading the next message.
"""

from __future__ import annotations

import logging
from typing import Any

from pygls.exceptions import JsonRpcException, JsonRpcInvalidParams
from pygls.protocol import LanguageServerProtocol

log = logging.getLogger(__name__)

MAX_DETAIL = 500


class _Answered:
    """Stands for a request already answered with an error: ``handle_message`` skips it."""

    jsonrpc = None


class FiledescProtocol(LanguageServerProtocol):
    """``LanguageServerProtocol`` plus error answers for requests that cannot be decoded."""

    def structure_message(self, data: dict[str, Any]) -> Any:
        """Decode a message; a request that fails to decode is answered with an error right away."""
        try:
            return super().structure_message(data)
        except JsonRpcException as exc:
            if not (isinstance(data, dict) and "id" in data and "method" in data):
                raise
            detail = str(exc.__cause__ or exc)[:MAX_DETAIL]
            error = JsonRpcInvalidParams(f"invalid params for {data['method']!s:.100}: {detail}")
            log.warning("%s", error.message)
            self._send_response(data["id"], None, error.to_response_error())
            return _Answered()

    def handle_message(self, message: Any) -> None:
        """Handle a decoded message; skip requests already answered while decoding."""
        if isinstance(message, _Answered):
            return
        super().handle_message(message)
