"""News for the briefing (pure): the entries of an RSS or Atom feed (parsed by `feedparser`), each with a title,
a plain-text summary, a link and a date; a file that is no feed is refused whole, a bad entry reported."""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass

import feedparser

from skillcluster.intelligence.domain.ads import FileError, Problem

MAX_TEXT = 5_000
_TAG = re.compile(r"<[^<>]{0,500}>")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class NewsRow:
    title: str
    text: str
    url: str
    published_on: dt.date


def plain(fragment: str) -> str:
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", fragment))).strip()


def read_feed(data: bytes, *, today: dt.date) -> tuple[str, list[NewsRow], list[Problem]]:
    """(the feed's title, its usable entries, the problems of the others)."""
    parsed = feedparser.parse(data)
    if not parsed.entries:
        why = f": {parsed.bozo_exception}" if parsed.get("bozo") else ""
        raise FileError(f"Not an RSS or Atom feed, or a feed without entries{why}.")
    rows, problems = [], []
    for number, entry in enumerate(parsed.entries, start=1):
        title = plain(entry.get("title", ""))[:300]
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        day = dt.date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday) if stamp else None
        link = str(entry.get("link", "")).strip()
        if not title:
            problems.append(Problem(number, "an entry without a title"))
        elif day is None:
            problems.append(Problem(number, f"“{title[:60]}” has no date"))
        elif day > today:
            problems.append(Problem(number, f"“{title[:60]}” is dated in the future ({day:%Y-%m-%d})"))
        elif link and not link.startswith(("https://", "http://")):
            problems.append(Problem(number, f"“{title[:60]}”: its link is not an http(s) address"))
        else:
            rows.append(NewsRow(title, plain(entry.get("summary", ""))[:MAX_TEXT], link[:500], day))
    return plain(parsed.feed.get("title", "")) or "feed", rows, problems
