"""The `realtime-assistant` command line."""
