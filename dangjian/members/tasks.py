"""Background tasks of the members app: roster imports too big to run inside a request."""

from django.tasks import task

from dangjian import jobs
from dangjian.jobs.services import JobError

SHOW_PROBLEMS = 5


def data_rows(path) -> int:
    """Rows under the header that have anything in them (what decides request vs. worker)."""
    from .roster_io.importer import read_grid

    _sheet, grid, (header_index, _mapping) = read_grid(path)
    return sum(1 for row in grid[header_index + 1 :] if any(c not in (None, "") for c in row))


@task
@jobs.job_task
def import_roster_upload(token: str, user_id: int, org_code: str):
    """Import a checked upload — all or nothing, exactly as the page does in the request."""
    from django.contrib.auth import get_user_model

    from dangjian.orgs.models import Org

    from .roster_io import uploads
    from .roster_io.importer import RosterFileError, import_roster

    user = get_user_model().objects.get(pk=user_id)
    org = Org.objects.get(code=org_code)
    try:
        upload = uploads.load(token, user=user, org=org)
    except Exception:
        raise JobError("导入文件已过期或已导入，请重新上传。") from None
    jobs.progress(0, 1)
    try:
        result = import_roster(upload.path, org=org, actor=user, source=upload.name, columns=upload.columns)
    except RosterFileError as exc:
        raise JobError(str(exc)) from None
    if not result.ok:  # something changed since the preview; nothing was written
        shown = "；".join(p.line() for p in result.problems[:SHOW_PROBLEMS])
        raise JobError(f"共 {len(result.problems)} 处问题，未导入任何人员：{shown}。请回到导入页重新检查。")
    uploads.discard(upload)
    jobs.progress(1, 1)
    return f"已导入 {result.created} 人（{upload.name}）"


def start_import(*, user, org, upload):
    from django.urls import reverse

    from dangjian.jobs.services import start

    return start(
        user=user,
        title=f"导入花名册：{upload.name}",
        task=import_roster_upload,
        calls=[((upload.token, user.pk, org.code), {})],
        back_url=reverse("members:roster", args=[org.code]),
    )
