"""What the book's historical statements rest on: fragments of the works it cites.

``data/citations.csv`` keeps, for each statement of the setting chapter and each caveat about
the 1920s statistics, the work it cites (a key of ``book/references.bib``), the statement in
the chapter's words, a short verbatim fragment of the work, where a reader may legitimately
find the work, where in the work the fragment stands (its ``page``) and the day it was read.
The checks:

* each row's work is a key of ``book/references.bib``;
* each address lies under a place of ``data/hosts.csv``, the reviewed list of publishers,
  repositories, archives and libraries (:func:`address_problem`), or names a file of this
  project; an empty address cites the work as printed;
* each number the statement gives (a year, a percentage, a count) stands in its fragment,
  so a figure cannot be cited to a passage that does not state it;
* a fragment is at most 300 characters and ``seen`` is a date (YYYY-MM-DD).

Bad input raises :class:`nep.DataError` naming file, row, column and what was expected.
The bibliography is read here too (:func:`bibliography`), with each entry's fields, so that
tests can ask what kind of work an entry is (its ``keywords``: scholarly, primary, data or
encyclopaedia) and when it was published or seen.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

import nep

NAME = "citations"
HOSTS = "hosts"
BIBLIOGRAPHY = Path(__file__).resolve().parent.parent / "references.bib"
FRAGMENT_LIMIT = 300

# A number as the chapters and their sources write it: 1921, 13.8, 300,000 (not the 2 of "2nd").
_NUMBER = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|(?<![\d.,])\d+(?:\.\d+)?(?!\d)")
_ENTRY = re.compile(r"^@(\w+)\{([^,\s]+),", re.M)
_FIELD = re.compile(r"^\s*(\w+)\s*=\s*\{", re.M)


def places(directory: Path | None = None) -> pd.DataFrame:
    """The reviewed places of ``data/hosts.csv``: where the book may send a reader."""
    return nep.read_table(HOSTS, directory)


def address_url(address: str) -> str | None:
    """A link for an address: a web address as it is, a GitHub file at its commit.

    ``None`` for no address (a work cited as printed) or one that is not a link."""
    if not isinstance(address, str):
        return None
    if address.startswith("http"):
        return address.split()[0]
    match = re.match(r"github:(\S+?/\S+?) (.+?) @ ([0-9a-f]{40})", address)
    if match:
        repository, path, commit = match.groups()
        return f"https://github.com/{repository}/blob/{commit}/{path.replace(' ', '%20')}"
    return None


def place_of(address: str) -> str | None:
    """An address as host and path (``runeberg.org/ruspeace/0129.html``); ``None`` if it has no host.

    A GitHub file written ``github:owner/repo path @ commit`` is where its link goes,
    ``github.com/owner/repo/blob/…``.
    """
    match = re.match(r"https?://([^/?#]+)([^?#]*)", address_url(address) or "")
    return match.group(1).lower() + (match.group(2) or "/") if match else None


def address_problem(address: str, reviewed: list[str]) -> str | None:
    """Why ``address`` may not be printed, or ``None`` if it may.

    It may when it is empty (the work is cited as printed), names a file of this project
    (``seeds/…``), or lies under one of the ``reviewed`` places: a host alone covers the
    whole host, a host with a path covers what begins with it.
    """
    if not isinstance(address, str) or not address.strip() or address.startswith("seeds/"):
        return None
    where = place_of(address)
    if where is None:
        return "not a web address (http or https), a github: file or a file of this project"
    for place in reviewed:
        if where.startswith(place if "/" in place else place + "/"):
            return None
    return f"{where.split('/')[0]} is not a reviewed place of data/hosts.csv"


def printed_works(entries: dict[str, dict[str, str]]) -> set[str]:
    """The works cited as printed: no legitimate copy is open, so the entry has no ``url``."""
    return {key for key, fields in entries.items() if "url" not in fields}


def address_failure(address, key: str, reviewed: list[str], printed: set[str] | None):
    """``(expected, found)`` where a row's address may not stand, else ``None``.

    An empty address is right only for a work cited as printed; any other lies on a
    reviewed place.
    """
    if not isinstance(address, str) or not address.strip():
        if printed is None or key in printed:
            return None
        return ("an address: only a work cited as printed (no url in book/references.bib) "
                "has none", f"no address for {key}")
    problem = address_problem(address, reviewed)
    if problem:
        return ("an address on a reviewed place (data/hosts.csv) or none, for a work cited "
                "as printed", f"{address!r}: {problem}")
    return None


def numbers_in(text: str) -> set[float]:
    """Every number written with digits in ``text``, thousands commas read as such."""
    return {float(match.replace(",", "")) for match in _NUMBER.findall(text)}


def missing_numbers(statement: str, fragment: str) -> list[float]:
    """The numbers of ``statement`` that its ``fragment`` does not state."""
    stated = numbers_in(fragment)
    return sorted(number for number in numbers_in(statement) if number not in stated)


def _braced(text: str, start: int) -> str:
    """The text inside the braces that open at ``start - 1``, nested braces kept."""
    depth, end = 1, start
    while depth:
        depth += {"{": 1, "}": -1}.get(text[end], 0)
        end += 1
    return text[start:end - 1]


def bibliography(path: Path | None = None) -> dict[str, dict[str, str]]:
    """Each entry of ``book/references.bib`` as ``{key: {field: value}}``, with its ``entrytype``."""
    text = (path or BIBLIOGRAPHY).read_text(encoding="utf-8")
    entries = {}
    for match in _ENTRY.finditer(text):
        body = _braced(text, match.end() - len(match.group(2)) - 1)
        # "entrytype", not "type": a report's own type field (Working Paper) would overwrite it.
        fields = {"entrytype": match.group(1).lower()}
        for field in _FIELD.finditer(body):
            fields[field.group(1).lower()] = _braced(body, field.end())
        entries[match.group(2)] = fields
    return entries


def check(frame: pd.DataFrame, label: str, keys: set[str], reviewed: list[str],
          printed: set[str] | None = None) -> None:
    """Every row keeps to the rules in the module's docstring, or a DataError says where not."""

    def fail(number: int, column: str, expected: str, found: str):
        raise nep.DataError(file=label, row=number, line=number + 1, column=column,
                            expected=expected, found=found)

    for number, row in enumerate(frame.itertuples(index=False), start=1):
        if row.key not in keys:
            fail(number, "key", "a key of book/references.bib", repr(row.key))
        if len(row.fragment) > FRAGMENT_LIMIT:
            fail(number, "fragment", f"at most {FRAGMENT_LIMIT} characters", f"{len(row.fragment)}")
        failure = address_failure(row.address, row.key, reviewed, printed)
        if failure:
            fail(number, "address", *failure)
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", row.seen):
            fail(number, "seen", "a date written YYYY-MM-DD", repr(row.seen))
        missing = missing_numbers(row.statement, row.fragment)
        if missing:
            fail(number, "statement", f"only numbers its fragment states: {row.fragment!r}",
                 ", ".join(nep.fmt(value) for value in missing))


def load(directory: Path | None = None) -> pd.DataFrame:
    """The citation fragments, validated against the bibliography."""
    frame = nep.read_table(NAME, directory)
    entries = bibliography()
    check(frame, f"data/{nep.resource(NAME)['path']}", set(entries),
          list(places(directory).place), printed_works(entries))
    return frame
