"""The web dashboard: server-rendered pages over the same library the CLI uses."""
