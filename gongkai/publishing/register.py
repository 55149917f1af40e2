"""The release register (信息发布登记): an append-only hash chain.

Each row's ``record_hash`` is SHA-256 over its own fields and the previous row's hash. Changing,
inserting or deleting any row changes every later hash, so ``register_verify`` finds the first
row where the stored chain and the recomputed chain part.
"""

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC

from django.db import transaction

from .models import RegisterHead, ReleaseRecord

GENESIS = "0" * 64
HASHED_FIELDS = (
    "seq",
    "subject_kind",
    "subject_id",
    "index_number",
    "title",
    "action",
    "content_hash",
    "organization_code",
    "organization_name",
    "reviewers",
    "publisher",
    "channel",
    "at",
)


def sha256_json(value) -> str:
    payload = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _canonical(record: ReleaseRecord) -> dict:
    values = {name: getattr(record, name) for name in HASHED_FIELDS}
    values["at"] = record.at.astimezone(UTC).isoformat(timespec="microseconds")
    values["prev_hash"] = record.prev_hash
    return values


def record_hash(record: ReleaseRecord) -> str:
    return sha256_json(_canonical(record))


def register_append(**fields) -> ReleaseRecord:
    """Append one row; must run inside the publishing service's transaction."""
    assert transaction.get_connection().in_atomic_block, "register_append needs a transaction"
    head, _ = RegisterHead.objects.get_or_create(pk=1)
    head = RegisterHead.objects.select_for_update().get(pk=head.pk)
    record = ReleaseRecord(seq=head.last_seq + 1, prev_hash=head.last_hash, **fields)
    record.record_hash = record_hash(record)
    record.save(force_insert=True)
    head.last_seq, head.last_hash = record.seq, record.record_hash
    head.save(update_fields=["last_seq", "last_hash"])
    return record


@dataclass
class VerifyResult:
    ok: bool
    checked: int
    broken_seq: int | None = None
    problem: str = ""


def register_verify(batch: int = 2000) -> VerifyResult:
    """Walk the whole chain in order; report the first row that does not hold."""
    prev, expected_seq, checked = GENESIS, 1, 0
    last_seq = 0
    while True:
        rows = list(ReleaseRecord.objects.filter(seq__gt=last_seq).order_by("seq")[:batch])
        if not rows:
            break
        for row in rows:
            checked += 1
            if row.seq != expected_seq:
                return VerifyResult(False, checked, expected_seq, "missing")
            if row.prev_hash != prev:
                return VerifyResult(False, checked, row.seq, "prev_hash")
            if record_hash(row) != row.record_hash:
                return VerifyResult(False, checked, row.seq, "record_hash")
            prev, expected_seq, last_seq = row.record_hash, row.seq + 1, row.seq
    head = RegisterHead.objects.filter(pk=1).first()
    if head and (head.last_seq != last_seq or head.last_hash != prev):
        return VerifyResult(False, checked, last_seq + 1, "truncated")
    return VerifyResult(True, checked)
