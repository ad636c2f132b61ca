def pytest_terminal_summary(terminalreporter, config):
    """The probe's figures for the closing note (also in var/probe/report.json)."""
    figures = getattr(config, "_probe_figures", None)
    if not figures:
        return
    write = terminalreporter.write_line
    write("")
    write("外部探测（dangjian serve，生产方式，SQLite，演示数据）：")
    for key, label in (("pages", "页面路由"), ("api", "OpenAPI 操作")):
        if key in figures:
            f = figures[key]
            n = f.get("routes", f.get("operations"))
            write(
                f"  {label}: {n} × {f['personas']} 个身份 → {f['requests']} 次请求，泄露 {f['leaks']}，5xx {f['server_errors']}"
            )
    if "check_deploy" in figures:
        write(f"  DANGJIAN_DEBUG=0 DANGJIAN_HTTPS=1 dangjian check --deploy: {figures['check_deploy']}")
    if "audit_verify" in figures:
        write(
            f"  audit verify: {figures['audit_verify']['intact']} / 篡改后: {figures['audit_verify']['tampered'][:120]}"
        )
