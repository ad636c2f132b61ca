"""Background tasks of the reports app (run by `dangjian worker`; see dangjian.jobs)."""

from django.tasks import task

from dangjian import jobs
from dangjian.jobs.services import JobError


def _org(code):
    from dangjian.orgs.models import Org

    org = Org.objects.filter(code=code).first()
    if org is None:
        raise JobError(f"找不到党组织代码“{code}”")
    return org


@task
@jobs.job_task
def ledger_pdf(code: str, year: int):
    """The 台账 PDF of one org and year, as a job's single file."""
    from dangjian.reports.ledger import ledger_pdf as build

    org = _org(code)
    jobs.progress(0, 1)
    content = build(org, year)
    jobs.save_output("ledger", content, f"{org.name}{year}年度党建工作台账.pdf")
    jobs.progress(1, 1)
    return len(content)


@task
@jobs.job_task
def branch_report(kind: str, code: str, year: int, fresh: bool = False):
    """One branch's summary (duty report, ledger, statistics) — one task per branch, so two workers share a
    batch and a killed worker loses only the branch it was on, which is re-queued and redone."""
    from dangjian.lib.office.names import download_name
    from dangjian.reports.kinds import LABELS, build_document

    org = _org(code)
    content, _ = build_document(kind, org, year, fresh)
    ext = "xlsx" if kind == "statistics" else "docx"
    jobs.save_output(code, content, download_name(org.name, year, LABELS[kind], ext))
    return len(content)


def start_each_branch(*, user, kind: str, org, year: int, fresh: bool = False):
    """Enqueue one branch_report per branch under ``org`` as one job (a zip when done)."""
    from dangjian.jobs.services import start
    from dangjian.lib.office.names import download_name
    from dangjian.orgs.selectors import branches_of
    from dangjian.reports.kinds import LABELS

    branches = branches_of(org)
    return start(
        user=user,
        title=f"{org.name}{year}年度各支部{LABELS[kind]}",
        task=branch_report,
        calls=[((kind, b.code, year, fresh), {}) for b in branches],
        file_name=download_name(org.name, year, f"各支部{LABELS[kind]}", "zip"),
    )


def start_ledger_pdf(*, user, org, year: int, back_url: str = ""):
    from dangjian.jobs.services import start

    return start(
        user=user,
        title=f"{org.name}{year}年度党建工作台账（PDF）",
        task=ledger_pdf,
        calls=[((org.code, year), {})],
        back_url=back_url,
    )
