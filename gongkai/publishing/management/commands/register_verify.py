from django.core.management.base import BaseCommand, CommandError

from gongkai.publishing.register import register_verify
from gongkai.publishing.services import register_mismatches

PROBLEMS = {
    "missing": "序号缺失（登记被删除）",
    "prev_hash": "前序摘要不符（登记被删除或插入）",
    "record_hash": "登记内容与摘要不符（登记被篡改）",
    "truncated": "链尾与登记头不符（末尾登记被删除）",
}


class Command(BaseCommand):
    help = (
        "Verify the release register's hash chain, report the first broken link, and list "
        "published items whose content no longer matches their register entry."
    )

    def handle(self, *args, **options):
        result = register_verify()
        if not result.ok:
            raise CommandError(
                f"发布登记校验失败：第 {result.broken_seq} 条，{PROBLEMS[result.problem]}。"
                f"已校验 {result.checked} 条。"
            )
        self.stdout.write(f"发布登记哈希链完整：共校验 {result.checked} 条。")
        changed = register_mismatches()
        if changed:
            listing = "；".join(f"{item.index_number}《{item.title}》" for item in changed[:20])
            raise CommandError(
                f"有 {len(changed)} 条已发布信息的内容与发布登记不符（未经更正流程被修改）："
                f"{listing}"
            )
        self.stdout.write(self.style.SUCCESS("已发布信息的内容均与发布登记一致。"))
