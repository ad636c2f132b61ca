"""dangjian.rules — the PURE regulation engine (no Django imports; importable without settings).

One module per source document; every check returns ``findings.Finding`` objects citing the
rule IDs of regulations.md. Modules:

* findings, settings, catalog — findings, local settings (LocalSettings / DEFAULTS), the rule catalogue
* periods, workdays — GEN-01/02/03/05 calendar arithmetic and working days
* recruitment (package) — DEV, 发展党员工作细则 2014/2026, chosen by event date
* orgs — BR;  org_life — LIFE;  votes — DEV-14 / LIFE-02 / BR-07 quorum and majority
* dues, dues_arrears — FEE;  learning — EDU;  membership — MGMT
* appraisal — EVAL;  party_statistics — STAT;  disclosure — PUB;  constitution — CON
"""

from .findings import Finding
from .settings import DEFAULTS, LocalSettings

__all__ = ["Finding", "LocalSettings", "DEFAULTS"]
