"""A file of job ads read into rows (pure): CSV with a header, or JSON lines, each ad with title, text, date
and optionally employer, place, region (a NUTS code), URL. A file that cannot be read at all (not UTF-8, no
usable columns, not CSV or JSON lines) is refused whole; otherwise each row is usable or reported with its line
number and what was wrong, and the caller stores the usable ones together or none."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

from skillcluster.taxonomy.linking import language

REQUIRED = ("title", "text", "date")
OPTIONAL = ("employer", "place", "region", "url")
MAX_TEXT = 20_000  # characters: a real ad is a few thousand
MAX_TITLE = 300
OLDEST = dt.date(2000, 1, 1)
_NUTS = re.compile(r"^[A-Z]{2}[0-9A-Z]{0,3}$")


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
    line: int
    message: str


def decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileError(f"The file is not UTF-8 text (an undecodable byte at position {error.start}); save it "
                        "as UTF-8 and upload it again.") from None  # fmt: skip


def read(data: bytes, *, today: dt.date) -> tuple[list[AdRow], list[Problem]]:
    """Usable rows and the problems of the others, in file order."""
    text = decode(data)
    if not text.strip():
        raise FileError("The file is empty.")
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
        raise FileError(f"The file has no column {', '.join(repr(c) for c in missing)}; expected a header with "
                        f"{', '.join(REQUIRED)} (and optionally {', '.join(OPTIONAL)}), got "
                        f"{', '.join(repr(c) for c in columns) or 'none'}.")  # fmt: skip
    reader.fieldnames = columns
    try:
        for record in reader:
            yield reader.line_num, {k: (v or "") for k, v in record.items() if isinstance(k, str)}
    except csv.Error as error:
        raise FileError(f"Line {reader.line_num}: not valid CSV ({error}).") from None


def _json_lines(text: str) -> Iterator[tuple[int, dict[str, str]]]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield number, {"__error__": f"not valid JSON ({error.msg})"}
            continue
        if not isinstance(record, dict):
            yield number, {"__error__": "expected a JSON object per line"}
            continue
        yield number, {str(k).lower(): "" if v is None else str(v) for k, v in record.items()}


def _row(line: int, record: dict[str, str], today: dt.date) -> AdRow | Problem:
    if "__error__" in record:
        return Problem(line, record["__error__"])
    title, text = record.get("title", "").strip(), record.get("text", "").strip()
    if not title:
        return Problem(line, "no title")
    if len(title) > MAX_TITLE:
        return Problem(line, f"the title has {len(title):,} characters; at most {MAX_TITLE}")
    if not text:
        return Problem(line, "the ad has no text")
    if len(text) > MAX_TEXT:
        return Problem(line, f"the ad has {len(text):,} characters; at most {MAX_TEXT:,}")
    try:
        published = dt.date.fromisoformat(record.get("date", "").strip()[:10])
    except ValueError:
        return Problem(line, f"date: expected YYYY-MM-DD, got {record.get('date', '')!r}")
    if published > today:
        return Problem(line, f"date {published:%Y-%m-%d} is in the future")
    if published < OLDEST:
        return Problem(line, f"date {published:%Y-%m-%d} is before {OLDEST:%Y}")
    region = record.get("region", "").strip().upper()
    if region and not _NUTS.match(region):
        return Problem(line, f"region: expected a NUTS code such as ITI35, got {region!r}")
    url = record.get("url", "").strip()
    if url and not url.startswith(("https://", "http://")):
        return Problem(line, f"url: expected an http(s) address, got {url[:60]!r}")
    spoken = language.guess(f"{title}. {text}")
    if spoken is not None and spoken != "en":
        return Problem(line, f"the ad is in {language.NAMES[spoken]}; the skill linker reads English only")
    return AdRow(line, title, text, published, record.get("employer", "").strip()[:200],
                 record.get("place", "").strip()[:120], region, url[:500])  # fmt: skip
