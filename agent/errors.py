"""Errors the agent raises for bad input; the server and CLI translate them at the edge.

AgentError
 ├── MessageRejected      the patient message cannot be handled as sent (empty, too long)
 └── ConversationNotFound no conversation with that id
"""


class AgentError(Exception):
    """Base class of every error the agent raises."""


class MessageRejected(AgentError):
    """The message cannot be handled as sent; the message says what to fix."""


class ConversationNotFound(AgentError):
    """No conversation has the given id."""
