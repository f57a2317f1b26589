"""Make chapters read in JupyterLab as they read in the book: a mechanical rewrite.

Usage: python scripts/convert_prose.py            (every chapter in book/, and _config.yml)
       python scripts/convert_prose.py FILE.md ...  (those chapters only)

- Each prose number ``{glue:text}`NAME``` becomes ``{eval}`prose.NAME```, which myst-nb
  (in the book) and jupyterlab-myst (in JupyterLab) both evaluate in the chapter's kernel;
  ``nep.glue`` puts every value there under ``prose``.
- A cell the book removes (``remove-cell``) is run, not shown: ``remove-input`` and
  ``remove-output``, so it runs in page order before the prose that quotes it. A ``;``
  ending such a cell goes: IPython would take it as the last input and hide the value
  of the next expression evaluated for the prose.
- Cells the book removes or folds are folded in Jupyter too (``jupyter.source_hidden``),
  and a removed cell that does not yet say what it does opens with a comment saying so.

- ``_config.yml`` executes the chapters "inline", which ``{eval}`` needs: the cells run as
  the page is read, and each role is evaluated in that page's kernel.

Running it again changes nothing. It edits only the text it rewrites, so a chapter's
diff shows exactly these changes.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

ROLE = re.compile(r"\{glue:text\}`([A-Za-z][A-Za-z0-9_]*)`")
CELL = re.compile(r"^```\{code-cell\}[^\n]*\n", re.M)
PLUMBING_COMMENT = "# The numbers the text quotes, computed from the data (the book shows none of this)."
FOLDED_TAGS = {"remove-cell", "remove-input", "hide-input"}


def _split_options(text: str, start: int) -> tuple[dict, int]:
    """The options of the code cell whose body starts at ``start``, and where its code starts."""
    if text.startswith("---\n", start):
        end = text.index("\n---\n", start + 3)
        return yaml.safe_load(text[start + 4:end]) or {}, end + 5
    options, position = {}, start
    while True:
        match = re.compile(r":([\w-]+):[ \t]*(.*)\n").match(text, position)
        if not match:
            return options, position
        options[match.group(1)] = yaml.safe_load(match.group(2)) if match.group(2) else None
        position = match.end()


def _options_block(options: dict) -> str:
    lines = ["---"]
    for key, value in options.items():
        if isinstance(value, list):
            lines.append(f"{key}: [{', '.join(str(item) for item in value)}]")
        else:
            lines.append(yaml.safe_dump({key: value}, default_flow_style=False, sort_keys=False).rstrip())
    return "\n".join(lines + ["---"]) + "\n"


def convert_cells(text: str) -> str:
    pieces, position = [], 0
    for match in CELL.finditer(text):
        options, code_start = _split_options(text, match.end())
        tags = list(options.get("tags") or [])
        if not FOLDED_TAGS & set(tags):
            continue
        removed = "remove-cell" in tags
        if removed:
            tags = [tag for tag in tags if tag != "remove-cell"] + ["remove-input", "remove-output"]
        options["tags"] = tags
        jupyter = dict(options.get("jupyter") or {})
        jupyter["source_hidden"] = True
        options = {"jupyter": jupyter, **{k: v for k, v in options.items() if k != "jupyter"}}
        first_line = text[code_start:text.find("\n", code_start)]
        comment = "" if (not removed or first_line.startswith("#")) else PLUMBING_COMMENT + "\n"
        pieces += [text[position:match.end()], _options_block(options), comment]
        position = code_start
        if removed:
            code_end = text.index("\n```", code_start)
            code = text[code_start:code_end]
            if code.rstrip().endswith(";"):
                pieces.append(code.rstrip()[:-1])
                position = code_end
    return "".join(pieces) + text[position:]


def convert(text: str) -> str:
    return convert_cells(ROLE.sub(r"{eval}`prose.\1`", text))


ROOT = Path(__file__).resolve().parent.parent
FORCE = "  execute_notebooks: force\n"
INLINE = """  # "inline": the cells run as the page is read, so the prose's {eval}`prose.NAME` roles
  # read their numbers from the chapter's own kernel, as jupyterlab-myst does in JupyterLab.
  execute_notebooks: inline
"""


def execute_inline(config: Path) -> None:
    text = config.read_text(encoding="utf-8")
    if FORCE in text:
        config.write_text(text.replace(FORCE, INLINE), encoding="utf-8")
        print(f"{config}: execute_notebooks: inline")


def main(paths: list[str]) -> None:
    if not paths:
        execute_inline(ROOT / "_config.yml")
        paths = sorted(str(path) for path in (ROOT / "book").glob("*.md"))
    for name in paths:
        path = Path(name)
        text = path.read_text(encoding="utf-8")
        if "jupytext:" not in text[:400]:
            continue
        converted = convert(text)
        if converted != text:
            path.write_text(converted, encoding="utf-8")
            print(f"{path}: {len(ROLE.findall(text))} prose numbers")


if __name__ == "__main__":
    main(sys.argv[1:])
