"""The chapters' MyST Markdown as plain Markdown, for a Jupyter without jupyterlab-myst.

A classroom's Jupyter or VS Code shows a Markdown cell as CommonMark: a MyST role
(``{eval}`prose.NAME```, ``{cite:p}`key```, ``{doc}`chapter```) or directive
(```` ```{note} ````, ``:::{dropdown}``) would show as its own syntax. Here each becomes
what a reader expects: a prose number its value from the build's run, a citation
"(Author, year)", a chapter reference a link to its notebook, an admonition a bold title
over a blockquote, a target nothing, a definition list a list of bold terms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# A role: {name}`content`, the content possibly "text <target>".
ROLE = re.compile(r"\{([a-z][\w:-]*)\}`([^`]*)`")
# An explicit target line, "(label)=".
TARGET = re.compile(r"^\s*\([\w.:-]+\)=\s*$")
DIRECTIVE_OPEN = re.compile(r"^(\s*)(`{3,}|:{3,})\{([\w:-]+)\}\s*(.*)$")
OPTION = re.compile(r"^\s*:[\w-]+:")
LINKED_TARGET = re.compile(r"^(.*?)\s*<([^>]+)>$", re.S)
# A link to another chapter of book/ (possibly split over lines): the zip holds notebooks.
CHAPTER_LINK = re.compile(r"\]\(\s*(\d\d_\w+)\.md(#[^)\s]*)?\s*\)")
# A link of the teachers' page to a PDF the site prints; the zip carries them in pdf/.
SITE_PDF = re.compile(r'href="\.\./_static/(nep-[\w-]+\.pdf)"')
ZIP_PDF_FOLDER = "pdf"
ADMONITIONS = {"note", "tip", "hint", "important", "warning", "caution", "attention",
               "danger", "error", "seealso", "admonition", "dropdown", "margin", "sidebar", "topic"}
# What is left of the sphinx-exercise markers is handled by the splitter (nep_classroom).
EXERCISE_DIRECTIVES = {"exercise-start", "exercise-end", "solution-start", "solution-end"}


@dataclass
class Context:
    """What the conversion of one chapter needs to know."""

    values: dict[str, str] = field(default_factory=dict)  # prose numbers by name
    works: dict[str, dict[str, str]] = field(default_factory=dict)  # bibliography by key
    titles: dict[str, str] = field(default_factory=dict)  # chapter stem -> its title
    to_chapters: str = ""  # the chapters' folder as seen from the notebook ("../" in teacher/)


def _split_keys(text: str) -> list[str]:
    """Citation keys at commas outside braces: ``a{ch. 7, p. 2},b`` is two keys."""
    parts, depth, start = [], 0, 0
    for index, char in enumerate(text):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if char == "," and depth == 0:
            parts.append(text[start:index])
            start = index + 1
    return [part.strip() for part in [*parts, text[start:]] if part.strip()]


def _names(value: str) -> list[str]:
    """The family names of a BibTeX name list: ``Markevich, Andrei and Harrison, Mark``."""
    names = []
    for person in re.split(r"\s+and\s+", value.strip()):
        person = person.strip()
        if not person:
            continue
        if person.startswith("{") and person.endswith("}"):
            names.append(person[1:-1])
        elif "," in person:
            names.append(person.split(",")[0].strip())
        else:
            names.append(person.split()[-1])
    return names


def _unbrace(text: str) -> str:
    return re.sub(r"[{}]", "", text).replace("``", '"').replace("''", '"').replace("--", "–")


def author_year(work: dict[str, str], key: str) -> tuple[str, str]:
    """A work as the book's author-year citations name it: ("Markevich and Harrison", "2011")."""
    names = _names(work.get("author") or work.get("editor") or "")
    if not names:  # a work with no author is named by its title, as the book's pages do
        return f"*{_unbrace(work.get('title', key))}*", work.get("year", "n.d.")
    elif len(names) == 1:
        who = names[0]
    elif len(names) == 2:
        who = f"{names[0]} and {names[1]}"
    else:
        who = f"{names[0]} et al."
    return _unbrace(who), work.get("year", "n.d.")


def citation(content: str, works: dict, textual: bool = False) -> str:
    """``{cite:p}`key{where}``` as "(Author, year, where)", several keys joined by "; "."""
    cited = []
    for item in _split_keys(content):
        match = re.fullmatch(r"(?:\{([^{}]*)\})?([^{}\s]+)(?:\{(.*)\})?", item, flags=re.S)
        pre, key, post = match.groups() if match else (None, item, None)
        who, year = author_year(works[key], key) if key in works else (key, "")
        parts = [f"{pre} " if pre else "", who, f" ({year}" if textual else f", {year}" if year else "",
                 f", {post}" if post else "", ")" if textual else ""]
        cited.append("".join(parts))
    return "; ".join(cited) if textual else "(" + "; ".join(cited) + ")"


def reference_list(works: dict[str, dict[str, str]]) -> str:
    """The bibliography as a Markdown list, sorted as the book sorts it: by author, then year."""
    def sort_key(item):
        who, year = author_year(item[1], item[0])
        return who.strip("*").lower(), year, item[0]

    lines = []
    for key, work in sorted(works.items(), key=sort_key):
        year = work.get("year", "n.d.")
        title = _unbrace(work.get("title", key))
        people = _unbrace(work.get("author") or work.get("editor") or "")
        where = _unbrace(work.get("journal") or work.get("publisher") or work.get("howpublished") or "")
        line = f"- {people} ({year}). *{title}*." if people else f"- *{title}* ({year})."
        if where:
            line += f" {where}."
        if work.get("url"):
            line += f" <{work['url']}>"
        lines.append(line)
    return "\n".join(lines)


def _chapter_link(stem: str, context: Context, anchor: str = "") -> str:
    return f"{context.to_chapters}{stem}.ipynb{anchor}"


def _role(name: str, content: str, context: Context) -> str:
    if name == "eval":
        key = content.removeprefix("prose.")
        if key not in context.values:
            raise KeyError(f"no value recorded for {{eval}}`{content}`")
        return str(context.values[key])
    if name.startswith("cite"):
        return citation(content, context.works, textual=name in ("cite:t", "cite:ts"))
    text, target = content, None
    if match := LINKED_TARGET.fullmatch(content):
        text, target = match.groups()
    if name == "doc":
        stem = (target or content).strip().removesuffix(".md").split("/")[-1]
        label = text if target else context.titles.get(stem, stem)
        return f"[{label}]({_chapter_link(stem, context)})"
    if name == "download" and target:
        # Paths are relative to book/; the zip holds data/ and seeds/ beside the chapters.
        path = target.removeprefix("../")
        return f"[{text}]({context.to_chapters}{path})"
    if name == "math":
        return f"${content}$"
    return text  # {ref}, {term}, {abbr}, …: the words a reader sees


def _directive(name: str, argument: str, body: str, context: Context) -> str:
    if name == "bibliography":
        return reference_list(context.works)
    if name in ADMONITIONS:
        title = argument.strip() or name.capitalize()
        quoted = "\n".join(f"> {line}" if line.strip() else ">" for line in body.strip("\n").splitlines())
        return f"**{title}**\n\n{quoted}" if quoted else f"**{title}**"
    if name in ("math",):
        return f"$$\n{body.strip()}\n$$"
    if name in ("code", "code-block", "sourcecode"):
        return f"```{argument.strip()}\n{body.rstrip()}\n```"
    # figure, image, list-table and the like: their text, plainly.
    return "\n".join(part for part in (argument.strip(), body.strip()) if part)


def _directives(lines: list[str], context: Context) -> list[str]:
    """Each MyST directive (``` or ::: fenced, nested allowed) replaced by plain Markdown."""
    out, index = [], 0
    while index < len(lines):
        match = DIRECTIVE_OPEN.match(lines[index])
        if not match or match.group(3) in EXERCISE_DIRECTIVES:
            out.append(lines[index])
            index += 1
            continue
        indent, fence, name, argument = match.groups()
        index += 1
        while index < len(lines) and OPTION.match(lines[index]):
            index += 1
        body = []
        closing = re.compile(rf"^\s*{re.escape(fence[0])}{{{len(fence)},}}\s*$")
        depth = 0
        while index < len(lines):
            line = lines[index]
            inner = DIRECTIVE_OPEN.match(line)
            if inner and inner.group(2)[0] == fence[0] and len(inner.group(2)) == len(fence):
                depth += 1
            elif closing.match(line):
                if depth == 0:
                    index += 1
                    break
                depth -= 1
            body.append(line)
            index += 1
        converted = _directive(name, argument, "\n".join(_directives(body, context)), context)
        out += [indent + line if line else line for line in converted.splitlines()]
    return out


def _definition_lists(lines: list[str]) -> list[str]:
    """MyST's "Term\\n: definition" as a list item "- **Term**: definition"."""
    out = []
    for line in lines:
        if line.startswith(": ") and out and out[-1].strip() and not out[-1].startswith(("- ", "  ")):
            term = out.pop()
            out.append(f"- **{term.strip()}**: {line[2:]}")
        else:
            out.append(line)
    return out


def plain_markdown(text: str, context: Context) -> str:
    """MyST Markdown as CommonMark: roles, directives, targets and definition lists converted."""
    lines = [line for line in text.splitlines() if not TARGET.match(line)]
    lines = _definition_lists(_directives(lines, context))
    text = "\n".join(lines)
    text = ROLE.sub(lambda match: _role(match.group(1), match.group(2), context), text)
    text = SITE_PDF.sub(lambda match: f'href="{context.to_chapters}{ZIP_PDF_FOLDER}/{match.group(1)}"', text)
    return CHAPTER_LINK.sub(lambda match: f"]({_chapter_link(match.group(1), context, match.group(2) or '')})",
                            text)


# What a Jupyter without jupyterlab-myst would show as markup: for the tests and the writer.
RAW_MARKUP = re.compile(r"\{[a-z][\w:-]*\}`|^\s*(?:`{3,}|:{3,})\{|^\s*\([\w.:-]+\)=\s*$", re.M)
