"""The text's own arithmetic, recomputed (being written)."""


def notes_html(keys: list[str]) -> str:
    """HTML notes on the inconsistent claims that involve any of ``keys`` (none yet)."""
    return ""
