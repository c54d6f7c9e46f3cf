"""Answer composers: turn retrieved approved passages into a reply."""

from agent.composers.base import Citation, Composer, Draft

__all__ = ["Citation", "Composer", "Draft"]
