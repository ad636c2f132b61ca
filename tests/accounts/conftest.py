"""The shared personas (tests/conftest.py) plus the nodes and roles the account rules need:
SCHOOL, a school Party committee under the bureau; GEN, a 党总支 under the bureau with branch GEN1;
olga, an officer (支部委员) of branch A; gina, the secretary of GEN."""

from types import SimpleNamespace

import pytest


@pytest.fixture
def tree(world):
    from django.contrib.auth.models import User

    from dangjian.accounts.models import RoleAssignment
    from dangjian.orgs.services import org_create

    admin = world.admin
    school = org_create(actor=admin, kind="committee", name="江北中学党委", code="SCHOOL", parent=world.bureau)
    gen = org_create(actor=admin, kind="general_branch", name="实验中学党总支", code="GEN", parent=world.bureau)
    gen1 = org_create(actor=admin, kind="branch", name="实验中学第一支部", code="GEN1", parent=gen)

    def user(name, org, role):
        u = User.objects.create_user(name, "", f"pw-{name}", first_name=name)
        RoleAssignment.objects.create(user=u, org=org, role=role)
        return u

    olga = user("olga", world.branch_a, "officer")
    gina = user("gina", gen, "secretary")
    return SimpleNamespace(**vars(world), school=school, gen=gen, gen1=gen1, olga=olga, gina=gina)
