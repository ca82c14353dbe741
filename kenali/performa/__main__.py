"""`python -m kenali.performa [--write PATH]`: print or write docs/metrics.md from the catalogue."""

from .catalogue import main

raise SystemExit(main())
