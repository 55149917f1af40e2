from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from gongkai.demo.foi import SECOND_OFFICE_SUFFIX
from gongkai.demo.generator import ADMIN_USERNAME, ROLE_SUFFIX, WORKFLOW_ROLES
from gongkai.demo.vocab import DEMO_PASSWORD, SHOWCASE_SLUG
from gongkai.orgs.models import Role

BASE_URL = "http://127.0.0.1:8000"


class Command(BaseCommand):
    help = "Print the most useful demo logins and where to use them."

    def handle(self, *args, **options):
        User = get_user_model()
        usernames = [ADMIN_USERNAME] + [f"{SHOWCASE_SLUG}-{ROLE_SUFFIX[r]}" for r in WORKFLOW_ROLES]
        usernames.append(f"{SHOWCASE_SLUG}-{SECOND_OFFICE_SUFFIX}")  # approves applications
        users = {
            u.username: u
            for u in User.objects.filter(username__in=usernames).prefetch_related(
                "memberships__organization"
            )
        }
        if not users:
            self.stdout.write("还没有演示数据：请先运行 manage.py demo_load。")
            return
        self.stdout.write(f"演示账号（密码均为 {DEMO_PASSWORD}）：")
        self.stdout.write(f"  {'用户名':<18}{'姓名':<8}角色")
        for username in usernames:
            user = users.get(username)
            if user is None:
                continue
            roles = "、".join(
                f"{m.organization.short_name or m.organization.name}{Role(m.role).label}"
                for m in user.memberships.all()
                if m.revoked_at is None
            )
            if user.is_superuser:
                roles += "（超级用户）"
            self.stdout.write(f"  {username:<21}{user.get_full_name():<8}{roles}")
        self.stdout.write("")
        self.stdout.write(f"  门户网站  {BASE_URL}/")
        self.stdout.write(f"  工作台    {BASE_URL}/workbench/")
        self.stdout.write(f"  后台管理  {BASE_URL}/admin/")
