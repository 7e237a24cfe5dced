"""A file of job ads read into rows (pure): CSV with a header, or JSON lines, each ad with title, text, date
and optionally employer, place, region (a NUTS code), URL. A file that cannot be read at all (not UTF-8, no
usable columns, not CSV or JSON lines) is refused whole; otherwise each row is usable or reported with its line
number and what was wrong, and the caller stores the usable ones together or none.

What a person reads is marked for translation (`skillcluster.words`): a refused file's reason is worded when it is
raised (in the request of the person uploading); a row's problem keeps its English sentence and its values and is
worded when read (`Problem.message`), so a stored import report reads in each reader's language."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from skillcluster.taxonomy.linking import language
from skillcluster.words import gettext, gettext_noop, pgettext

REQUIRED = ("title", "text", "date")
OPTIONAL = ("employer", "place", "region", "url")
MAX_TEXT = 20_000  # characters: a real ad is a few thousand
MAX_TITLE = 300
OLDEST = dt.date(2000, 1, 1)
_NUTS = re.compile(r"^[A-Z]{2}[0-9A-Z]{0,3}$")
_NOT_ENGLISH = {  # one sentence per language the linker tells apart: a language's name is not one word everywhere
    "it": gettext_noop("the ad is in Italian; the skill linker reads English only"),
    "de": gettext_noop("the ad is in German; the skill linker reads English only"),
    "fr": gettext_noop("the ad is in French; the skill linker reads English only"),
    "es": gettext_noop("the ad is in Spanish; the skill linker reads English only"),
}


class FileError(ValueError):
    """The file as a whole cannot be read; the message says why."""


@dataclass(frozen=True)
class AdRow:
    line: int
    title: str
    text: str
    published_on: dt.date
    employer: str = ""
    place: str = ""
    region: str = ""
    url: str = ""


@dataclass(frozen=True)
class Problem:
    """A row not used and why: the English sentence (marked, with named placeholders) and its values, worded in
    the active language when read."""

    line: int
    text: str
    values: Mapping[str, str | int] = field(default_factory=dict, hash=False)

    @property
    def message(self) -> str:
        return gettext(self.text) % dict(self.values)

    def stored(self) -> dict[str, Any]:
        """For a JSON field: the English message too, for whoever reads the data without the code."""
        return {"line": self.line, "text": self.text, "values": dict(self.values), "message": _english(self)}

    @classmethod
    def from_stored(cls, data: Mapping[str, Any]) -> Problem:
        if "text" in data:
            return cls(int(data["line"]), str(data["text"]), dict(data.get("values") or {}))
        # stored before problems kept their values: the English message, translated where it has no values
        return cls(int(data["line"]), str(data.get("message", "")).replace("%", "%%"))


def _english(problem: Problem) -> str:
    return problem.text % dict(problem.values)


def decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        message = gettext("The file is not UTF-8 text (an undecodable byte at position %(position)s); save it as "
                          "UTF-8 and upload it again.")  # fmt: skip
        raise FileError(message % {"position": error.start}) from None


def read(data: bytes, *, today: dt.date) -> tuple[list[AdRow], list[Problem]]:
    """Usable rows and the problems of the others, in file order."""
    text = decode(data)
    if not text.strip():
        raise FileError(gettext("The file is empty."))
    records = _json_lines(text) if text.lstrip().startswith("{") else _csv(text)
    rows, problems = [], []
    for line, record in records:
        found = _row(line, record, today)
        if isinstance(found, Problem):
            problems.append(found)
        else:
            rows.append(found)
    return rows, problems


def _csv(text: str) -> Iterator[tuple[int, dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text))
    columns = [c.strip().lower() for c in reader.fieldnames or []]
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        message = gettext("The file has no column %(missing)s; expected a header with %(required)s (and optionally "
                          "%(optional)s), got %(columns)s.")  # fmt: skip
        found = ", ".join(repr(c) for c in columns) or pgettext("columns found", "none")
        raise FileError(message % {"missing": ", ".join(repr(c) for c in missing), "required": ", ".join(REQUIRED),
                                   "optional": ", ".join(OPTIONAL), "columns": found})  # fmt: skip
    reader.fieldnames = columns
    try:
        for record in reader:
            yield reader.line_num, {k: (v or "") for k, v in record.items() if isinstance(k, str)}
    except csv.Error as error:
        message = gettext("Line %(line)s: not valid CSV (%(error)s).")
        raise FileError(message % {"line": reader.line_num, "error": error}) from None


def _json_lines(text: str) -> Iterator[tuple[int, dict[str, str]]]:
    """Each line's record; a line that is no JSON object gives a record holding only "__error__" (the error's
    English text, from the JSON parser) or "__object__" (the line is JSON, but not an object)."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield number, {"__error__": error.msg}
            continue
        if not isinstance(record, dict):
            yield number, {"__object__": ""}
            continue
        yield number, {str(k).lower(): "" if v is None else str(v) for k, v in record.items()}


def _row(line: int, record: dict[str, str], today: dt.date) -> AdRow | Problem:
    if "__error__" in record:
        return Problem(line, gettext_noop("not valid JSON (%(error)s)"), {"error": record["__error__"]})
    if "__object__" in record:
        return Problem(line, gettext_noop("expected a JSON object per line"))
    title, text = record.get("title", "").strip(), record.get("text", "").strip()
    if not title:
        return Problem(line, gettext_noop("no title"))
    if len(title) > MAX_TITLE:
        return Problem(line, gettext_noop("the title has %(size)s characters; at most %(most)s"),
                       {"size": f"{len(title):,}", "most": MAX_TITLE})  # fmt: skip
    if not text:
        return Problem(line, gettext_noop("the ad has no text"))
    if len(text) > MAX_TEXT:
        return Problem(line, gettext_noop("the ad has %(size)s characters; at most %(most)s"),
                       {"size": f"{len(text):,}", "most": f"{MAX_TEXT:,}"})  # fmt: skip
    try:
        published = dt.date.fromisoformat(record.get("date", "").strip()[:10])
    except ValueError:
        return Problem(line, gettext_noop("date: expected YYYY-MM-DD, got %(found)s"),
                       {"found": repr(record.get("date", ""))})  # fmt: skip
    if published > today:
        return Problem(line, gettext_noop("date %(date)s is in the future"), {"date": f"{published:%Y-%m-%d}"})
    if published < OLDEST:
        return Problem(line, gettext_noop("date %(date)s is before %(year)s"),
                       {"date": f"{published:%Y-%m-%d}", "year": f"{OLDEST:%Y}"})  # fmt: skip
    region = record.get("region", "").strip().upper()
    if region and not _NUTS.match(region):
        return Problem(line, gettext_noop("region: expected a NUTS code such as ITI35, got %(found)s"),
                       {"found": repr(region)})  # fmt: skip
    url = record.get("url", "").strip()
    if url and not url.startswith(("https://", "http://")):
        return Problem(line, gettext_noop("url: expected an http(s) address, got %(found)s"),
                       {"found": repr(url[:60])})  # fmt: skip
    spoken = language.guess(f"{title}. {text}")
    if spoken is not None and spoken != "en":
        if spoken in _NOT_ENGLISH:
            return Problem(line, _NOT_ENGLISH[spoken])
        return Problem(line, gettext_noop("the ad is in %(language)s; the skill linker reads English only"),
                       {"language": language.NAMES[spoken]})  # fmt: skip
    return AdRow(line, title, text, published, record.get("employer", "").strip()[:200],
                 record.get("place", "").strip()[:120], region, url[:500])  # fmt: skip
