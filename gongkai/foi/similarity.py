"""Applications that ask for the same information (Art. 44): candidates for proactive disclosure.

条例第四十四条: when several applicants ask an agency for the same government information and it
may be disclosed, the agency may make it public proactively. This module finds such groups among
one organization's applications of the last twelve months:

1. **Text.** Each request (信息名称, 文号 and the description) is cut by the search segmenter in
   search mode, so 部门预算 also yields 部门 and 预算 and two wordings of one request overlap.
   Punctuation, stop words, single characters and words every request contains (申请, 公开,
   信息, 政府, 提供 …) are dropped; what remains is the request's set of terms.
2. **Weights.** A term weighs its inverse document frequency among the organization's
   candidates, so the words that set a request apart (滨河片区, 技术改造) count more than the
   ones most requests to that office share (2025, 财政局). The frequencies are smoothed as if
   there were ``PRIOR_DOCUMENTS`` more requests, so that an office with only a handful does not
   let one unusual word decide. The information's name (信息名称) counts ``TITLE_BOOST`` times
   the description, and a word inside a longer word of the same request (预算 in 部门预算)
   ``SUBWORD_WEIGHT`` times, so that compounds common to a kind of request (行政处罚决定书) do
   not outweigh what tells two requests apart. Similarity is the cosine of the weighted terms.
   Requests naming different years (2024 and 2025) or different 文号 never share a group:
   they ask for different documents, however alike the words.
3. **Pairs.** Only pairs that can reach the threshold are compared (prefix filtering: terms are
   taken rarest first, and a request is indexed under the terms it needs to reach the
   threshold), and pairs already in one group are not compared again, so a few thousand
   requests are grouped in a fraction of a second.
4. **Groups.** Requests at or above the threshold are joined (union-find), never across
   different years or 文号; a group is proposed when at least ``min_applicants`` different
   applicants (``applicant_key``) are in it.

Left out: applications already turned into a proactive item (``Conversion``), those answered by
linking published items (the information is public already), and those whose outcome says the
information may not or cannot be disclosed (不予公开, 无法提供, 信访, 出版物, 确认已获取信息).
"""

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from django.utils import timezone

from gongkai.orgs.models import Organization
from gongkai.publishing.models import normalize_document_number
from gongkai.search.segment import index_tokens

from .choices import Outcome
from .models import Application

WINDOW_DAYS = 365
DEFAULT_THRESHOLD = 0.5
DEFAULT_MIN_APPLICANTS = 3
TOP_TERMS = 6
PRIOR_DOCUMENTS = 10
TITLE_BOOST = 2.0
SUBWORD_WEIGHT = 0.5
POSTINGS_WINDOW = 64

# Words nearly every request contains, or that only say how it is asked for.
GENERIC_WORDS = frozenset(
    """
    申请 公开 信息 政府 提供 政府信息 信息公开 依申请 依申请公开 申请人 本人 我们 你们 他们
    请求 要求 希望 需要 想要 了解 查询 查阅 查看 复印 复制 获取 提交 给予 予以 告知 答复
    贵局 贵单位 贵机关 贵委 贵办 贵府 你局 你单位 本局 本单位 机关 单位 部门 有关 相关
    关于 涉及 具体 以及 包括 包含 所有 全部 其中 上述 如下 以下 以上 主要 一份 一件
    文件 资料 材料 情况 内容 事项 方面 问题 名称 文号 电子版 电子 纸质 书面 副本 原件
    条例 规定 根据 依据 依照 按照 现就 特此 谢谢 感谢 此致 敬礼 您好 请问 是否 如何
    什么 哪些 怎么 为何 能否 可否 可以 应当 已经 目前 现在 当时
    """.split()
)

# Outcomes that say the information may not or cannot be disclosed: never a proposal.
NOT_DISCLOSABLE = frozenset(
    {
        Outcome.WITHHOLD_SECRET,
        Outcome.WITHHOLD_LAW,
        Outcome.WITHHOLD_SECURITY,
        Outcome.WITHHOLD_THIRD_PARTY,
        Outcome.WITHHOLD_INTERNAL,
        Outcome.WITHHOLD_PROCESS,
        Outcome.WITHHOLD_ENFORCEMENT,
        Outcome.WITHHOLD_QUERY,
        Outcome.UNABLE_NOT_HELD,
        Outcome.UNABLE_NEEDS_CREATION,
        Outcome.UNABLE_UNCLEAR,
        Outcome.REJECT_PETITION,
        Outcome.REJECT_PUBLICATION,
        Outcome.REJECT_CONFIRMATION,
    }
)

# What the grouping reads of an application, and what a group shows: never who applied.
FIELDS = ("id", "applicant_key", "title_hint", "document_number_hint", "description")
SHOWN = (
    *FIELDS,
    "organization_id",
    "year",
    "serial",
    "submitted_at",
    "received_on",
    "status",
    "outcome",
)


@dataclass(frozen=True)
class Group:
    """Applications of one organization that ask for the same information."""

    organization: Organization
    applications: tuple[Application, ...]  # newest first
    terms: tuple[str, ...]  # the shared key terms, most telling first
    suggested_title: str
    applicant_count: int
    similarity: float  # the lowest similarity that joined the group

    @property
    def application_ids(self) -> list[int]:
        return [application.pk for application in self.applications]

    @property
    def first_submitted(self) -> datetime:
        return min(application.submitted_at for application in self.applications)

    @property
    def last_submitted(self) -> datetime:
        return max(application.submitted_at for application in self.applications)


def request_text(title_hint: str, document_number_hint: str, description: str) -> str:
    return "\n".join(part for part in (title_hint, document_number_hint, description) if part)


def request_terms(title_hint: str, document_number_hint: str, description: str) -> dict:
    """A request's terms and how much each counts: the information's name says most, and a
    word inside a longer word of the request (处罚 in 行政处罚) counts less, so that a compound
    is not counted once for itself and again for each of its parts."""
    found = dict.fromkeys(terms(request_text("", document_number_hint, description)), 1.0)
    found.update(dict.fromkeys(terms(title_hint), TITLE_BOOST))
    longer = [t for t in found if len(t) > 2]
    for term in found:
        if any(term != word and term in word for word in longer):
            found[term] *= SUBWORD_WEIGHT
    return found


@lru_cache(maxsize=16384)
def terms(text: str) -> frozenset[str]:
    """The words of a request that say what information it wants."""
    return frozenset(
        token
        for token in index_tokens(text)
        if len(token) > 1 and token not in GENERIC_WORDS and not _is_small_number(token)
    )


def _is_small_number(token: str) -> bool:
    # "1", "20", "300": counts and amounts that match by accident. Years (2025) and other
    # longer numbers stay: they tell one budget or 文号 from another.
    return token.isdigit() and len(token) < 4


def candidates(*, organization: Organization, today: date, window_days: int = WINDOW_DAYS):
    """The organization's applications that may join a group, as dicts of ``FIELDS``."""
    start = timezone.make_aware(datetime.combine(today - timedelta(days=window_days), time.min))
    end = timezone.make_aware(datetime.combine(today + timedelta(days=1), time.min))
    return (
        Application.objects.filter(
            organization=organization,
            submitted_at__gte=start,
            submitted_at__lt=end,
            conversions__isnull=True,
            linked_items__isnull=True,
        )
        .exclude(outcome__in=NOT_DISCLOSABLE)
        .order_by("-submitted_at", "-id")
        .values(*FIELDS)
    )


def similar_groups(
    *,
    organization: Organization,
    today: date,
    min_applicants: int = DEFAULT_MIN_APPLICANTS,
    threshold: float = DEFAULT_THRESHOLD,
    window_days: int = WINDOW_DAYS,
) -> list["Group"]:
    """Groups of similar requests with at least ``min_applicants`` different applicants,
    largest first."""
    rows = list(candidates(organization=organization, today=today, window_days=window_days))
    requests = [
        request_terms(r["title_hint"], r["document_number_hint"], r["description"]) for r in rows
    ]
    term_sets = [frozenset(request) for request in requests]
    numbers = [normalize_document_number(r["document_number_hint"]) for r in rows]
    clusters = cluster(requests, threshold=threshold, numbers=numbers)
    chosen = []
    for members, lowest in clusters:
        applicants = {rows[i]["applicant_key"] for i in members}
        if len(applicants) >= min_applicants:
            chosen.append((members, lowest, len(applicants)))
    if not chosen:
        return []
    wanted = [rows[i]["id"] for members, _lowest, _n in chosen for i in members]
    by_id = Application.objects.filter(pk__in=wanted).only(*SHOWN).in_bulk()
    idf = _idf(term_sets)
    groups = []
    for members, lowest, applicant_count in chosen:
        applications = tuple(by_id[rows[i]["id"]] for i in members)
        key_terms = top_terms([term_sets[i] for i in members], idf)
        groups.append(
            Group(
                organization=organization,
                applications=applications,
                terms=key_terms,
                suggested_title=suggested_title(applications, key_terms),
                applicant_count=applicant_count,
                similarity=round(lowest, 3),
            )
        )
    groups.sort(
        key=lambda g: (-g.applicant_count, -len(g.applications), -g.last_submitted.timestamp())
    )
    return groups


# --- the grouping itself (pure) ------------------------------------------------------------


def _idf(term_sets: list[frozenset[str]]) -> dict[str, float]:
    n = len(term_sets) + PRIOR_DOCUMENTS
    df = Counter(term for s in term_sets for term in s)
    return {term: math.log((n + 1) / (count + 1)) + 1.0 for term, count in df.items()}


def _years(s: frozenset[str]) -> frozenset[str]:
    return frozenset(t for t in s if len(t) == 4 and t.isdigit() and t[:2] in ("19", "20"))


def cluster(
    requests: Sequence[Mapping[str, float] | frozenset[str]],
    *,
    threshold: float,
    numbers: list[str] | None = None,
) -> list[tuple[list[int], float]]:
    """Indices of ``requests`` joined by a cosine similarity ≥ ``threshold`` (single link),
    with the lowest similarity of the links used. Clusters of one are left out; members keep
    the order of ``requests``. A request is its terms, each with a weight (``request_terms``)
    or all alike (a set); ``numbers``: each request's normalized 文号, if any.

    A group never mixes years or 文号: two groups naming different years (and none in
    common) or different 文号 are not joined, whatever links them."""
    if not 0 < threshold <= 1:
        raise ValueError("threshold must be in (0, 1]")
    weighted = [r if isinstance(r, Mapping) else dict.fromkeys(r, 1.0) for r in requests]
    idf = _idf([frozenset(w) for w in weighted])
    numbers = numbers or [""] * len(weighted)
    # Identical requests (with the same 文号) are one point: compared once, joined at 1.
    points: dict[tuple[frozenset, str], list[int]] = defaultdict(list)
    for i, w in enumerate(weighted):
        if w:
            points[(frozenset(w.items()), numbers[i])].append(i)
    keys = list(points)
    vectors = []
    for items, _number in keys:
        norm = math.sqrt(sum((boost * idf[t]) ** 2 for t, boost in items))
        vectors.append({t: boost * idf[t] / norm for t, boost in items})

    parent = list(range(len(keys)))
    lowest = [1.0] * len(keys)
    years = [_years(frozenset(v)) for v in vectors]  # per root: the years its members name
    docs = [{number} if number else set() for _items, number in keys]  # ... and their 文号

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int, sim: float) -> None:
        ri, rj = find(i), find(j)
        if years[ri] and years[rj] and not years[ri] & years[rj]:
            return
        if docs[ri] and docs[rj] and docs[ri] != docs[rj]:
            return
        parent[rj] = ri
        lowest[ri] = min(lowest[ri], lowest[rj], sim)
        years[ri] = years[ri] | years[rj]
        docs[ri] |= docs[rj]

    for i, j, sim in similar_pairs(vectors, idf, threshold=threshold, root=find):
        union(i, j, sim)

    members: dict[int, list[int]] = defaultdict(list)
    for k, key in enumerate(keys):
        members[find(k)].extend(points[key])
    return [
        (sorted(indices), lowest[root]) for root, indices in members.items() if len(indices) > 1
    ]


def similar_pairs(
    vectors: list[dict[str, float]],
    idf: dict[str, float],
    *,
    threshold: float,
    root: Callable[[int], int] | None = None,
    window: int | None = None,
) -> Iterable[tuple[int, int, float]]:
    """(i, j, cosine) for pairs of unit vectors at or above ``threshold``.

    Prefix filtering: with the terms of every vector in one global order (rarest first), two
    vectors whose cosine reaches ``threshold`` share a term in both their prefixes, where a
    prefix ends once the rest of the vector weighs less than ``threshold``. Only prefixes are
    indexed, so the frequent terms at the ends never make long candidate lists.

    For grouping, every pair is not needed, only enough to connect each group: pairs already
    in one group (same ``root``, as the caller joins them) are not compared, and a term shared
    by very many requests offers only its
    ``window`` latest ones (a request like many others meets some of them there), which keeps a
    flood of near-identical requests from costing a comparison per pair."""
    window = window or POSTINGS_WINDOW
    rank = {t: (-w, t) for t, w in idf.items()}  # highest idf (rarest) first
    index: dict[str, list[int]] = defaultdict(list)
    limit = threshold * threshold
    for j, vector in enumerate(vectors):
        ordered = sorted(vector, key=rank.__getitem__)
        rest = 1.0  # squared weight of the terms not yet in the prefix
        seen: set[int] = set()
        group = root(j) if root else -1
        for term in ordered:
            if rest < limit:
                break
            rest -= vector[term] ** 2
            postings = index[term]
            for i in postings[-window:]:
                if i in seen:
                    continue
                seen.add(i)
                if root is not None and root(i) == group:
                    continue
                other = vectors[i]
                sim = sum([vector[t] * other[t] for t in vector.keys() & other.keys()])
                if sim >= threshold - 1e-9:
                    yield i, j, sim
                    group = root(j) if root else -1
            postings.append(j)


def top_terms(term_sets: list[frozenset[str]], idf: dict[str, float], k: int = TOP_TERMS):
    """The terms most of the group shares, the most telling first; words inside a longer
    chosen word (预算 in 部门预算) are skipped."""
    counts = Counter(term for s in term_sets for term in s)
    quorum = max(2, math.ceil(len(term_sets) / 2))
    shared = [t for t, c in counts.items() if c >= quorum] or list(counts)
    shared.sort(key=lambda t: (-counts[t] * idf.get(t, 1.0) * len(t), t))
    chosen: list[str] = []
    for term in shared:
        if any(term in longer for longer in chosen):
            continue
        chosen.append(term)
        if len(chosen) == k:
            break
    return tuple(chosen)


def suggested_title(applications: Iterable[Application], key_terms: Iterable[str] = ()) -> str:
    """The information's name most applicants gave, or one made of the key terms."""
    names = Counter(" ".join(a.title_hint.split()) for a in applications if a.title_hint.strip())
    if names:
        # The most frequent name; among equals the shortest, then the first alphabetically.
        best = min(names, key=lambda name: (-names[name], len(name), name))
        return best[:200]
    words = list(key_terms)[:3]
    return ("、".join(words) + "相关信息")[:200] if words else ""
