import pytest


@pytest.fixture
def two_schools(world):
    """A second school branch under BUREAU (secretary erin) and a retiree branch (no secretary)."""
    from django.contrib.auth.models import User

    from dangjian.accounts.models import RoleAssignment
    from dangjian.orgs.services import org_create

    branch_c = org_create(
        actor=world.admin, kind="branch", name="实验小学党支部", code="BRC", parent=world.bureau, unit="实验小学"
    )
    retiree = org_create(
        actor=world.admin, kind="branch", name="退教支部", code="BRR", parent=world.bureau, is_retiree=True
    )
    erin = User.objects.create_user("erin", "", "pw-erin", first_name="erin")
    RoleAssignment.objects.create(user=erin, org=branch_c, role="secretary")
    world.branch_c, world.retiree, world.erin = branch_c, retiree, erin
    return world
