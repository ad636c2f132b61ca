from tests.conftest import add_person


def add_other_member(world):
    """erin: a plain member of branch C, in the same bureau as branch A (so 全校 items reach her)."""
    from django.contrib.auth.models import User

    from dangjian.accounts.models import RoleAssignment
    from dangjian.orgs.services import org_create

    branch_c = org_create(actor=world.admin, kind="branch", name="实验小学党支部", code="BRC", parent=world.bureau)
    erin = User.objects.create_user("erin", "", "pw-erin", first_name="erin")
    RoleAssignment.objects.create(user=erin, org=branch_c, role="member")
    p = add_person(branch_c, "赵敏", actor=world.admin, seq=7)
    p.user = erin
    p.save(update_fields=["user"])
    return erin
