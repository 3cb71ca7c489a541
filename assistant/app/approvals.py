"""Asking the user before an "ask" tool runs: the `Approver` behind `ToolRegistry.call`.

Requests are asked one at a time (parallel calls queue behind the open dialog). The dialog is
window-modal over the main window and the wait is a future, so the loop keeps running: other
events, audio and tools go on while the user decides. The MCP approval flow of the core can
use the same `ask` with an `ApprovalRequest` whose `server_label` is set.
"""

from __future__ import annotations

import asyncio

from PySide6.QtWidgets import QWidget

from assistant.tools import ApprovalRequest, Decision
from assistant.ui.approval import ApprovalDialog


class DialogApprover:
    """`await approver(request)` shows an `ApprovalDialog` and returns the user's decision."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent
        self.dialog: ApprovalDialog | None = None  # the one being shown
        self._turn = asyncio.Lock()

    async def __call__(self, request: ApprovalRequest) -> Decision:
        return await self.ask(request)

    async def ask(self, request: ApprovalRequest) -> Decision:
        async with self._turn:
            answer: asyncio.Future[Decision] = asyncio.get_running_loop().create_future()
            dialog = ApprovalDialog(request, self.parent)
            dialog.decided.connect(lambda decision: _settle(answer, decision))
            self.dialog = dialog
            dialog.open()
            try:
                return await answer
            finally:
                self.dialog = None
                dialog.decided.disconnect()
                dialog.close()
                dialog.deleteLater()


def _settle(answer: asyncio.Future[Decision], decision: Decision) -> None:
    if not answer.done():
        answer.set_result(decision)
