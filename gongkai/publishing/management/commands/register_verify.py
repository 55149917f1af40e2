from django.core.management.base import BaseCommand, CommandError

from gongkai.publishing.register import register_verify


class Command(BaseCommand):
    help = "Verify the release register's hash chain and report the first broken link."

    def handle(self, *args, **options):
        result = register_verify()
        if result.ok:
            self.stdout.write(
                self.style.SUCCESS(f"发布登记完整：共校验 {result.checked} 条，哈希链无断裂。")
            )
            return
        reasons = {
            "missing": "序号缺失（登记被删除）",
            "prev_hash": "前序摘要不符（登记被删除或插入）",
            "record_hash": "登记内容与摘要不符（登记被篡改）",
            "truncated": "链尾与登记头不符（末尾登记被删除）",
        }
        raise CommandError(
            f"发布登记校验失败：第 {result.broken_seq} 条，{reasons[result.problem]}。"
            f"已校验 {result.checked} 条。"
        )
