"""Plain-Python application logic between the protocol core, the transport and the audio engine."""

from assistant.controller.voice import Controller, Flushable, TurnMode, TurnState

__all__ = ["Controller", "Flushable", "TurnMode", "TurnState"]
