"""`python -m assistant` runs the same entry point as `realtime-assistant`."""

from assistant.cli.main import main

raise SystemExit(main())
