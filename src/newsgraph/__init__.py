"""newsgraph: a source-attributed, searchable record of news.

Who did what to whom and when, who said what, and who claims which numbers,
across outlets. Start with ``newsgraph.open(db)``.
"""

from .api import Newsgraph, evaluate, open
from .errors import NewsgraphError
from .model import SCHEMA, Article, Claim, Entity, Event, Quote, Story, Timex

__all__ = [
    "SCHEMA", "Article", "Claim", "Entity", "Event", "Newsgraph", "NewsgraphError", "Quote",
    "Story", "Timex", "evaluate", "open",
]
__version__ = "0.1.0"
