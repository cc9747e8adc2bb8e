"""Who a by-role figure may show, in each of the two modes a workshop is created with.

- open: a leadership team where each person speaks for a function. Every role is shown
  on its own, whatever its size; participants are told so before their first answer.
- protected: a larger group. A role is shown only when at least `threshold` people of it
  answered the figure's question(s) — respondents, never joiners, counted per figure.
  Smaller roles fold into "other roles", hidden too while still too small.

Residual risk (docs/SECURITY.md): in a protected group of k, someone who joins k − 1
seats with known answers can read the last member's answer from the group's figure.
One seat per device and a roster the facilitator checks bound it; nothing removes it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

RoleFiguresMode = Literal["open", "protected"]
MODES: tuple[RoleFiguresMode, ...] = ("open", "protected")
#: A leadership team, one person per function, is the typical workshop: open by default.
DEFAULT_MODE: RoleFiguresMode = "open"
#: Below three, a group's figure is one person's answer give or take another's.
MIN_PROTECTED_GROUP = 3
DEFAULT_MIN_GROUP = MIN_PROTECTED_GROUP
MAX_MIN_GROUP = 50
#: The label of a group made of the roles too small to show on their own.
OTHER_GROUP = "other"


@dataclass(frozen=True)
class RoleFigures:
    mode: RoleFiguresMode
    #: As stored; protected mode never reads it below MIN_PROTECTED_GROUP (v1 archives
    #: could store 2).
    min_group_size: int = DEFAULT_MIN_GROUP

    @property
    def threshold(self) -> int:
        """The fewest respondents a shown group has."""
        if self.mode == "open":
            return 1
        return max(self.min_group_size, MIN_PROTECTED_GROUP)

    @property
    def reveals_attendance(self) -> bool:
        """Whether a view may say which roles took part (open mode shows them anyway)."""
        return self.mode == "open"

    def groups(self, roles: Sequence[str], answered: Sequence[bool]) -> list[str | None]:
        """For one figure: each participant's group — their role, "other", or None when
        they did not answer it or their group is too small to show."""
        if self.mode == "open":
            return [
                role if took_part else None for role, took_part in zip(roles, answered, strict=True)
            ]
        k = self.threshold
        sizes = Counter(role for role, took_part in zip(roles, answered, strict=True) if took_part)
        folded = [
            (role if sizes[role] >= k and role != OTHER_GROUP else OTHER_GROUP)
            if took_part
            else None
            for role, took_part in zip(roles, answered, strict=True)
        ]
        others = folded.count(OTHER_GROUP)
        return [None if group == OTHER_GROUP and others < k else group for group in folded]


def min_group_problem(mode: str, min_group_size: int) -> str | None:
    """Why a workshop cannot be created with these settings; None when it can."""
    if mode not in MODES:
        return f"role_figures must be one of {', '.join(MODES)}, not {mode!r}"
    if mode == "protected" and not MIN_PROTECTED_GROUP <= min_group_size <= MAX_MIN_GROUP:
        return (
            f"min_group_size must be between {MIN_PROTECTED_GROUP} and {MAX_MIN_GROUP} "
            f"in protected mode, not {min_group_size}"
        )
    if not 1 <= min_group_size <= MAX_MIN_GROUP:
        return f"min_group_size must be between 1 and {MAX_MIN_GROUP}, not {min_group_size}"
    return None
