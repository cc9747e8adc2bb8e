"""The workshop service the pages and the command line call: one object, three parts
(facilitation, participation, archives), each in its own module."""

from __future__ import annotations

from cxmaturity.workshops.archives import Archives, Operator
from cxmaturity.workshops.facilitation import Facilitation
from cxmaturity.workshops.participation import Participation
from cxmaturity.workshops.transactions import Clock, Transactions, utcnow

__all__ = ["Clock", "Operator", "Transactions", "WorkshopService", "utcnow"]


class WorkshopService(Facilitation, Participation, Archives):
    """Every facilitator and participant operation. Refused operations change nothing."""
