"""kenali: know your followers. Performance, audience relevance and comment triage."""

from .workspace import Workspace, open

__version__ = "0.1.0"
__all__ = ["Workspace", "open", "__version__"]
