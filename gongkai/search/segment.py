"""Chinese word segmentation for the search index and for queries.

Both engines receive text that is already cut into words here, joined by spaces, so that they
never need a Chinese tokenizer of their own:

- text is NFKC-normalized (full-width letters, digits and brackets become ASCII) and
  lower-cased;
- ``rjieba`` cuts it with the government terms of ``dictionary.txt`` added, so 依申请公开 is
  one word;
- documents are cut in *search mode*, which also emits the dictionary words inside a longer
  word (申请, 公开, 依申请公开), so a query for 公开 finds 政务公开 and the reverse;
- queries are cut in the default mode: every word of it is among the search-mode words of a
  document that contains the same text, so the words can be ANDed;
- punctuation, spaces and a few function words are dropped.

``DICTIONARY_VERSION`` is derived from the dictionary's content. An index records the version
it was built with; ``manage.py check`` warns when they differ (see ``checks.py``).
"""

import hashlib
import re
import unicodedata
from functools import cache
from pathlib import Path

DICTIONARY_PATH = Path(__file__).with_name("dictionary.txt")
DICTIONARY_VERSION = hashlib.sha256(DICTIONARY_PATH.read_bytes()).hexdigest()[:12]

# Function words that match nearly every document and carry no meaning on their own.
STOP_WORDS = frozenset(
    "的 了 和 与 及 或 在 是 对 为 将 等 之 其 于 把 被 也 就 都 而 并 由 从 以 个".split()
)


def dictionary_words() -> list[tuple[str, int | None]]:
    """The words of the dictionary file with their optional frequency."""
    words = []
    for line in DICTIONARY_PATH.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        word, _sep, freq = line.partition(" ")
        words.append((normalize(word), int(freq) if freq.strip().isdigit() else None))
    return words


@cache
def _jieba():
    import rjieba

    jieba = rjieba.Jieba()
    for word, freq in dictionary_words():
        jieba.add_word(word, freq, None)
    return jieba


def normalize(text: str) -> str:
    """NFKC and lower case: 沪府办发［２０１９］７号 → 沪府办发[2019]7号."""
    return unicodedata.normalize("NFKC", text or "").lower()


# Characters whose NFKC form can change how the text is cut: anything but ASCII, Han,
# CJK punctuation and full-width punctuation (full-width ＋＃＆％－． excluded: their ASCII
# forms join words). Text without them is cut into the same words with or without NFKC,
# because the punctuation left un-normalized becomes tokens of its own that are dropped.
# NFKC costs more than cutting itself, and most Chinese documents need none.
_NEEDS_NFKC = re.compile(
    "[^\t\n\r\x20-\x7e\u4e00-\u9fff\u3000-\u3011\u3014-\u301f"
    "\u2014\u2018\u2019\u201c\u201d\u00b7"
    "\uff01\uff02\uff07-\uff0a\uff0c\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff5e]"
)


def needs_nfkc(text: str) -> bool:
    """Whether NFKC could change how ``text`` is cut or matched (see ``_NEEDS_NFKC``)."""
    return _NEEDS_NFKC.search(text) is not None


def _for_cutting(text: str) -> str:
    text = text or ""
    if _NEEDS_NFKC.search(text):
        text = unicodedata.normalize("NFKC", text)
    return text.lower()


def _keep(token: str) -> bool:
    return token not in STOP_WORDS and any(ch.isalnum() for ch in token)


# Tokens dropped at once: the stop words, and every single character that is not a letter or
# digit in the ranges Chinese text uses (punctuation, spaces, symbols).
_DROP = (
    STOP_WORDS
    | {
        chr(c)
        for r in (
            (0x20, 0x7F),
            (0x2000, 0x2070),
            (0x3000, 0x3040),
            (0xFE30, 0xFE70),
            (0xFF00, 0xFF66),
        )
        for c in range(*r)
        if not chr(c).isalnum()
    }
    | {"\t", "\n", "\r", "\xa0"}
)


def index_tokens(text: str) -> list[str]:
    """Search-mode words of a document's text (engines need no positions: the order is loose).

    jieba's search mode adds the dictionary words of two and three characters found inside a
    longer word; words of four or more inside a word of five or more (安全生产 in 安全生产月,
    政务公开 in 政务公开负面清单) are added here, so that a query for them matches too."""
    drop = _DROP
    # Most tokens are words of letters or digits (Han characters count as letters) or a
    # punctuation mark: both are settled inline; the rest ("12.5%") one by one.
    tokens = [
        t
        for t in _jieba().cut_for_search(_for_cutting(text))
        if t not in drop and (t.isalnum() or _keep(t))
    ]
    long_words = [t for t in tokens if len(t) > 4]
    if long_words:
        found: dict[str, list[str]] = {}
        for word in long_words:  # once per occurrence, so that BM25 counts them
            subwords = found.get(word)
            if subwords is None:
                subwords = found[word] = _long_subwords(word)
            tokens.extend(subwords)
    return tokens


def _long_subwords(word: str) -> list[str]:
    """Dictionary words of four or more characters inside ``word``."""
    has_word = _jieba().has_word
    return [
        word[start : start + size]
        for size in range(4, len(word))
        for start in range(len(word) - size + 1)
        if has_word(word[start : start + size])
    ]


def index_text(text: str) -> str:
    """``index_tokens`` joined by spaces: what the engines index with a whitespace tokenizer."""
    return " ".join(index_tokens(text))


def query_tokens(text: str) -> list[str]:
    """The words of a query (default mode), without duplicates, in order."""
    seen: dict[str, None] = {}
    for token in _jieba().cut(_for_cutting(text)):
        if token not in _DROP and _keep(token):
            seen.setdefault(token, None)
    return list(seen)


def warm_up() -> None:
    """Load the dictionary now (about 0.1 s) instead of on the first search."""
    _jieba()
