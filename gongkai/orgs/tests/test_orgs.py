from django.urls import reverse

import pytest

from gongkai.core.errors import NotAllowed
from gongkai.core.testing import OrganizationFactory, UserFactory, staff
from gongkai.orgs.models import Role
from gongkai.orgs.permissions import (
    has_role,
    is_platform_admin,
    require_role,
    scope_to_user,
    visible_org_ids,
)
from gongkai.publishing.models import Item

pytestmark = pytest.mark.django_db


def test_roles_are_scoped_to_their_organization():
    finance, education = OrganizationFactory(), OrganizationFactory()
    clerk = staff(finance, Role.DRAFTER)
    assert has_role(clerk, finance, Role.DRAFTER)
    assert not has_role(clerk, education, Role.DRAFTER)
    assert not has_role(clerk, finance, Role.UNIT_REVIEWER)
    assert visible_org_ids(clerk) == {finance.pk}
    with pytest.raises(NotAllowed, match=education.name):
        require_role(clerk, education, Role.DRAFTER)


def test_platform_admin_sees_everything():
    admin = staff(OrganizationFactory(), Role.PLATFORM_ADMIN)
    assert is_platform_admin(admin)
    assert visible_org_ids(admin) is None
    assert str(scope_to_user(Item.objects.all(), admin).query) == str(Item.objects.all().query)


def test_anonymous_user_has_no_roles(rf):
    from django.contrib.auth.models import AnonymousUser

    assert visible_org_ids(AnonymousUser()) == set()


def test_login_and_lockout_after_repeated_failures(client):
    user = UserFactory(username="clerk")
    url = reverse("login")
    response = client.post(url, {"username": "clerk", "password": "wrong"})
    assert response.status_code == 200
    assert "用户名或密码不正确" in response.content.decode()
    for _ in range(4):
        response = client.post(url, {"username": "clerk", "password": "wrong"})
    assert response.status_code == 429
    assert "账号已暂时锁定" in response.content.decode()
    # even the right password is refused while locked
    response = client.post(url, {"username": "clerk", "password": "correct-horse-9"})
    assert response.status_code == 429
    assert user.is_active


def test_successful_login_goes_to_workbench(client):
    UserFactory(username="clerk2")
    response = client.post(reverse("login"), {"username": "clerk2", "password": "correct-horse-9"})
    assert response.status_code == 302 and response.url == reverse("workbench:home")


def test_time_zone_is_shanghai(settings):
    assert settings.TIME_ZONE == "Asia/Shanghai" and settings.USE_TZ
