"""Honours (荣誉) and activities of the year (plans/facts.py), as Facts."""

from dangjian.orgs.models import Org

from .records import Fact, installed, url


def honours_part(org: Org, year: int) -> dict | None:
    if not installed("plans"):
        return None
    from dangjian.plans.facts import honours

    f = honours(org, year)
    src = url("plans:honours")
    return {
        "total": Fact(f["total"], f"{year}年获得的荣誉", src),
        "collective": Fact(f["collective"], "集体荣誉", src),
        "individual": Fact(f["individual"], "个人荣誉", src),
        "items": f["items"],
    }


def activities_part(org: Org, year: int) -> dict | None:
    if not installed("plans"):
        return None
    from dangjian.plans.facts import activities

    f = activities(org, year)
    src = url("plans:activities")
    hours = f["volunteer_hours"]
    return {
        "by_kind": [(label, Fact(n, f"{year}年{label}次数", src)) for _, label, n in f["by_kind"]],
        # hours read as 5.5, not as money (5.50)
        "volunteer_hours": Fact(f"{hours.normalize():f}" if hours else 0, f"{year}年党员志愿服务时长（小时）", src),
        "volunteers": Fact(f["volunteers"], f"{year}年参加志愿服务的党员人数", src),
        "items": f["items"],
    }
