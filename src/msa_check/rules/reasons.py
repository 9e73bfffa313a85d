"""Why a matched sentence was set aside, in the words its evidence carries.

Apart from rules/shape.py, which decides them with spaCy's parse, so that a report can
recognise a reason (a heading set aside is the least telling) without loading spaCy.
"""

from __future__ import annotations

HEADING_REASON = "excluded: a heading names a topic, it reports nothing"
REPEATED_REASON = "excluded: repeated on several pages (a running header or footer)"
