"""Another connection for the same window: the conversation is never lost.

Saving a new connection in Settings, Retry on a keyring or settings problem, and a keyring that
becomes readable all lead to a new `ConnectionPlan`. The window, the devices, the history and
the conversation stay; only the endpoint changes (`switch_connection`): the core seeds a
session on the new endpoint with the conversation so far, which the new server replays like
after a reconnect, and the history records what follows into the same stored conversation.

`Link` owns what keeps an endpoint alive (the offline demo's simulator); the old one is closed
once the core has left it. `KeyringWatch` asks every few seconds, while the keyring problem is
shown, whether the keyring can be read now; it never prompts (a locked Secret Service keyring
is only asked whether it is locked, `assistant.settings.secrets`) and it starts a new
connection only once it can, so a locked keyring costs one D-Bus round trip per interval, no
connection attempts.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from dataclasses import dataclass

from assistant.app.assembly import RunningApp, apply_settings
from assistant.app.connection import ConnectionPlan, endpoint_or_demo
from assistant.realtime import Dialect
from assistant.settings.layered import LayeredSecretStore
from assistant.settings.store import AppSettings
from assistant.transport import Endpoint
from assistant.ui.problems import Problem, ProblemKind

KEYRING_RECHECK_S = 5.0


@dataclass
class Link:
    """An endpoint from a plan, and what keeps it alive (the demo's simulator) until `aclose`."""

    plan: ConnectionPlan
    endpoint: Endpoint
    _stack: contextlib.AsyncExitStack

    @classmethod
    async def open(cls, plan: ConnectionPlan) -> Link:
        stack = contextlib.AsyncExitStack()
        endpoint = await stack.enter_async_context(endpoint_or_demo(plan.endpoint))
        return cls(plan, endpoint, stack)

    @property
    def profile(self) -> str:
        """The history's name for the provider ("demo" for the offline demo)."""
        return self.plan.endpoint.provider.value if self.plan.endpoint is not None else "demo"

    async def aclose(self) -> None:
        await self._stack.aclose()


async def switch_connection(running: RunningApp, link: Link, settings: AppSettings) -> None:
    """Go on with the same window and conversation over `link`, with `settings` applied."""
    history = running.history
    log = history.event_log() if history is not None else None
    running.core.delegation = "client" if settings.live_delegation == "client" else "responses"
    await running.core.switch_endpoint(link.endpoint, log)
    live = link.endpoint.dialect is Dialect.LIVE
    running.window.cost.per_second = live  # billed per second
    running.audio.set_short_playback(live)  # its own stop must be heard at once
    if history is not None:  # before the new session's first event
        history.follow(running.core.session, link.profile)
    running.tools.offer_mcp = link.endpoint.dialect is Dialect.GA
    running.window.set_provider(link.plan.provider, link.endpoint.model, link.endpoint.dialect)
    apply_settings(running, settings)
    show_plan(running, link.plan)


def show_plan(running: RunningApp, plan: ConnectionPlan) -> None:
    """The plan's problem in the banner (the one before is solved: a new plan replaces it),
    its note in the status bar."""
    window = running.window
    for kind in (ProblemKind.SETTINGS, ProblemKind.KEYRING, ProblemKind.CONNECTION):
        window.solve(kind)
    if plan.problem:
        kind = ProblemKind.KEYRING if plan.keyring else ProblemKind.SETTINGS
        window.show_problem(Problem(kind, plan.problem))
    if plan.note:
        window.show_notice(plan.note)


class KeyringWatch:
    """While a keyring problem is shown, calls `readable()` every `interval` seconds until the
    keyring answers; `stop()` (or a new plan without the problem) ends it."""

    def __init__(
        self,
        secrets: LayeredSecretStore,
        readable: Callable[[], None],
        interval: float = KEYRING_RECHECK_S,
    ) -> None:
        self.secrets, self.readable, self.interval = secrets, readable, interval
        self._task: asyncio.Task[None] | None = None

    @property
    def watching(self) -> bool:
        return self._task is not None and not self._task.done()

    def follow(self, plan: ConnectionPlan) -> None:
        """Watch while `plan` has a keyring problem, else stop."""
        if plan.keyring and not self.watching:
            self._task = asyncio.get_running_loop().create_task(self._watch())
        elif not plan.keyring:
            self.stop()

    def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None

    async def _watch(self) -> None:
        while True:
            await asyncio.sleep(self.interval)
            if not self.secrets.unavailable_reason():
                self._task = None
                self.readable()
                return
