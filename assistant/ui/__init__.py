"""The desktop window: the only PySide6 code besides the composition root (`assistant.app`).

Widgets are thin views. They learn what happened from `CoreBridge` signals and ask for things
through the synchronous `Commands` protocol (the controller); they never await and never import
the transport or the audio engine.
"""
