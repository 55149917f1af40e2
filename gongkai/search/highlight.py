"""Highlighted titles and snippets: the words of the query marked with ``<mark>`` in the
original text, everything else HTML-escaped. Matching ignores width and case (NFKC, lower),
like the index does."""

from django.utils.html import escape

from .segment import needs_nfkc, normalize

SNIPPET_CHARS = 160
LEAD_CHARS = 30


def _normalized(text: str) -> tuple[str, range | list[int]]:
    """The normalized text and, for each of its characters, the index in ``text``."""
    if not needs_nfkc(text):  # the common case: only case folding, one to one
        lowered = text.lower()
        if len(lowered) == len(text):
            return lowered, range(len(text))
    out, positions = [], []
    for i, ch in enumerate(text):
        norm = normalize(ch)
        out.append(norm)
        positions.extend([i] * len(norm))
    return "".join(out), positions


def spans(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """Non-overlapping [start, end) ranges of ``text`` where a term occurs, in order."""
    if not text or not terms:
        return []
    norm, positions = _normalized(text)
    found = []
    for term in sorted({t for t in terms if t}, key=len, reverse=True):
        start = norm.find(term)
        while start != -1:
            end = start + len(term)
            found.append((positions[start], positions[end - 1] + 1))
            start = norm.find(term, end)
    found.sort()
    merged: list[tuple[int, int]] = []
    for start, end in found:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def mark(text: str, terms: list[str], *, offset: int = 0, found=None) -> str:
    """``text`` escaped, with the terms in ``<mark>``."""
    found = spans(text, terms) if found is None else found
    out, last = [], 0
    for start, end in found:
        start, end = start - offset, end - offset
        if end <= 0 or start >= len(text):
            continue
        start, end = max(start, 0), min(end, len(text))
        out.append(escape(text[last:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        last = end
    out.append(escape(text[last:]))
    return "".join(out)


def snippet(text: str, terms: list[str], *, length: int = SNIPPET_CHARS) -> str:
    """The passage of ``text`` with the most distinct query words, marked; the opening of the
    text when none occurs."""
    text = " ".join(text.split())
    found = spans(text, terms)
    if not found:
        return escape(text[:length]) + ("…" if len(text) > length else "")
    best_start, best_score = found[0][0], -1
    for start, _end in found:
        window_end = start + length - LEAD_CHARS
        words = {normalize(text[s:e]) for s, e in found if start <= s < window_end}
        if len(words) > best_score:
            best_start, best_score = start, len(words)
    begin = max(0, best_start - LEAD_CHARS)
    piece = text[begin : begin + length]
    inner = [(s - begin, e - begin) for s, e in found if s >= begin and e <= begin + length]
    html = mark(piece, terms, found=inner)
    return ("…" if begin else "") + html + ("…" if begin + length < len(text) else "")
