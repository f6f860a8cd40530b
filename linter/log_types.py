"""Which log policies deliver every log line: `logType` set to `ALL`, or left unset.

The API does not document what an unset `logType` delivers, so privacy rules take the
most permissive reading, `ALL`, and state this reading in their messages.
"""

from __future__ import annotations

from typing import NamedTuple, Optional

from .document import ScalarNode, Span
from .log_policies import LogPolicy

ALL_LOGS = "ALL"

class AllLogsPolicy(NamedTuple):
    """A log policy that delivers every log line; `log_type` is None when logType is unset."""

    policy: LogPolicy
    log_type: Optional[ScalarNode]

    @property
    def unset(self) -> bool:
        return self.log_type is None

    def describe(self, field_name: str = "logType") -> str:
        """Say why the policy delivers every line: "logType is ALL", or that it is unset and read as ALL.

        `field_name` is logType as the user's format spells it (LogType in a template).
        """
        if self.log_type is None:
            return f"{field_name} is unset, which crml-lint reads as ALL because the API does not document its default"
        return f"{field_name} is ALL"


def all_logs_policy(policy: LogPolicy) -> Optional[AllLogsPolicy]:
    """Return the policy as an AllLogsPolicy when it delivers every log line, else None.

    A logType other than ALL, including an invalid one that the contract check reports,
    and one that cannot be known statically, gives None.
    """
    if "logType" not in policy.node:
        return AllLogsPolicy(policy, None)
    log_type = policy.field("logType")
    if isinstance(log_type, ScalarNode) and log_type.value == ALL_LOGS:
        return AllLogsPolicy(policy, log_type)
    return None


def policy_start(policy: LogPolicy) -> Span:
    """Return the span a problem of the whole policy points at: its allowedAccountIds key, else its first character."""
    accounts = policy.field("allowedAccountIds")
    if accounts is not None and accounts.key is not None:
        return accounts.key.span
    span = policy.node.span
    return Span(span.start_line, span.start_column, span.start_line, span.start_column + 1)
