"""Every limit a workshop holds to, defined once: the service, the forms, the importers,
the archive model and the tables all read them from here."""

from __future__ import annotations

import datetime as dt

#: Longest alias (or name), organisation name and consensus note, in characters.
ALIAS_LIMIT = 80
#: Longest name of an action's owner (« Claire M. »), set in the roadmap review.
OWNER_NAME_LIMIT = 80
ORGANISATION_LIMIT = 200
NOTE_LIMIT = 2000
#: A leaked code cannot flood a workshop: participants in all, and joins a minute.
MAX_PARTICIPANTS = 300
MAX_JOINS_PER_MINUTE = 120
#: How long a join code works; "new code" replaces it before then.
CODE_TTL = dt.timedelta(hours=12)
#: Last-seen times are refreshed at most this often (a reload must not cost a write).
LAST_SEEN_RESOLUTION = dt.timedelta(seconds=30)
#: New workshops from one address (an hour) and from one signed-in facilitator (a day):
#: a hosted server cannot be filled by a script; a consultant never meets either.
MAX_WORKSHOPS_PER_ADDRESS = 30
WORKSHOPS_PER_ADDRESS_WINDOW = dt.timedelta(hours=1)
MAX_WORKSHOPS_PER_FACILITATOR = 100
WORKSHOPS_PER_FACILITATOR_WINDOW = dt.timedelta(days=1)
