"""Guards that stand between a patient's message and everything that stores or reads it."""

from guardrails.base import Finding, Guard, GuardContext, Verdict

__all__ = ["Finding", "Guard", "GuardContext", "Verdict"]
