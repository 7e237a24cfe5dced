"""News for the briefing (pure): the entries of an RSS or Atom feed (parsed by `feedparser`), each with a title,
a plain-text summary, a link and a date; a file that is no feed is refused whole, a bad entry reported."""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass

import feedparser

from skillcluster.intelligence.domain.ads import FileError, Problem
from skillcluster.words import gettext, gettext_noop

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
        if parsed.get("bozo"):  # the parser's own words (English) say what it choked on
            message = gettext("Not an RSS or Atom feed, or a feed without entries: %(error)s.")
            raise FileError(message % {"error": parsed.bozo_exception})
        raise FileError(gettext("Not an RSS or Atom feed, or a feed without entries."))
    rows, problems = [], []
    for number, entry in enumerate(parsed.entries, start=1):
        title = plain(entry.get("title", ""))[:300]
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        day = dt.date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday) if stamp else None
        link = str(entry.get("link", "")).strip()
        if not title:
            problems.append(Problem(number, gettext_noop("an entry without a title")))
        elif day is None:
            problems.append(Problem(number, gettext_noop("“%(title)s” has no date"), {"title": title[:60]}))
        elif day > today:
            problems.append(Problem(number, gettext_noop("“%(title)s” is dated in the future (%(date)s)"),
                                    {"title": title[:60], "date": f"{day:%Y-%m-%d}"}))  # fmt: skip
        elif link and not link.startswith(("https://", "http://")):
            problems.append(Problem(number, gettext_noop("“%(title)s”: its link is not an http(s) address"),
                                    {"title": title[:60]}))  # fmt: skip
        else:
            rows.append(NewsRow(title, plain(entry.get("summary", ""))[:MAX_TEXT], link[:500], day))
    return plain(parsed.feed.get("title", "")) or "feed", rows, problems
