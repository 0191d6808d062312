"""bench/RESULTS.md from one run's figures: machine and versions, the targets with what this run
measured, then a section per benchmark. Sections this run does not write (search, scrubbing:
other benchmarks' own analysis) are carried over from the previous file unchanged."""

import datetime
import re
import statistics

OWN_SECTIONS = ("Summary", "Pages", "Zelftoets", "Output of this run")
# Benchmarks whose printed output is the result, kept as printed.
PRINTED = ("bench_scrubbing.py", "bench_search.py", "bench_readpath.py")


def render(machine: dict, versions: dict, figures: dict, printed: dict, previous: str) -> str:
    pages = figures.get("bench_pages", {})
    zelftoets = figures.get("bench_zelftoets", {})
    parts = [
        "# Benchmark results\n",
        f"Written by `make bench` (`bench/run.py`) on {datetime.date.today():%Y-%m-%d}. "
        f"Machine: {machine['cpu']}, {machine['cores']} cores, {machine['memory']}; PostgreSQL, "
        "Redis, nginx and the load generator (wrk) on the same machine, everything on "
        "127.0.0.1. Versions: " + ", ".join(f"{k} {v}" for k, v in versions.items()) + ".\n",
        "The machine is shared and noisy: compare figures within one run (ratios, rounds "
        "interleaved, medians), not across runs.\n",
        summary(pages, zelftoets, printed.get("bench_search.py", "")),
    ]
    if pages:
        parts.append(pages_section(pages))
    if zelftoets:
        parts.append(zelftoets_section(zelftoets))
    parts += kept_sections(previous)
    output = {name: text for name, text in printed.items() if name in PRINTED}
    if output:
        parts.append("## Output of this run\n")
        for name, text in output.items():
            parts.append(f"`bench/{name}`:\n\n```\n{text.strip()}\n```\n")
    return "\n".join(parts)


def _met(ok: bool) -> str:
    return "ja" if ok else "**nee**"


def search_p95(output: str) -> dict[str, float]:
    return {
        vendor: float(p95)
        for vendor, p95 in re.findall(r"^(\w+): .*?p95 ([\d.]+) ms", output, re.M)
    }


def summary(pages: dict, zelftoets: dict, search_output: str) -> str:
    rows = ["## Summary\n", "| what | this run | target | met |", "|---|---|---|---|"]
    runs = pages.get("runs", {})
    if runs:
        app, white = runs["portaal"], runs["whitenoise"]
        ratio = app["rps"] / white["rps"]
        rows.append(
            f"| warm chapter page, gunicorn {pages['workers']} sync workers, 16 connections | "
            f"{ratio:.2f}× whitenoise ({app['rps']:.0f} vs {white['rps']:.0f} req/s) | ≥ 0.8× | "
            f"{_met(ratio >= 0.8)} |"
        )
        rows.append(f"| … p99 | {app['p99']:.1f} ms | ≤ 15 ms | {_met(app['p99'] <= 15)} |")
        if "portaal (gunicorn.conf.py)" in runs:
            conf = runs["portaal (gunicorn.conf.py)"]
            conf_ratio = conf["rps"] / runs["whitenoise (gunicorn.conf.py)"]["rps"]
            rows.append(
                f"| … with gunicorn.conf.py's workers (production) | {conf_ratio:.2f}× whitenoise, "
                f"p99 {conf['p99']:.1f} ms | ≥ 0.8×, ≤ 15 ms | "
                f"{_met(conf_ratio >= 0.8 and conf['p99'] <= 15)} |"
            )
        after = pages["after_publish"]
        first = after["eerste"]
        rows.append(
            f"| first request right after a publish (pages prepared at publication), end to end "
            f"| median {first['median']:.1f} ms, p95 {first['p95']:.1f} ms | ≤ 5 ms | "
            f"{_met(first['median'] <= 5)} |"
        )
        if "eerste, niet voorbereid" in after:
            unprepared = after["eerste, niet voorbereid"]
            rows.append(
                f"| … when nothing was prepared (a worker renders from stored HTML) | median "
                f"{unprepared['median']:.1f} ms, p95 {unprepared['p95']:.1f} ms | – | – |"
            )
        if "nginx-microcache" in runs:
            nginx = runs["nginx-microcache"]["rps"] / runs["nginx-statisch"]["rps"]
            rows.append(
                f"| behind the reference nginx (micro-cache) | {nginx:.2f}× nginx static "
                f"({runs['nginx-microcache']['rps']:.0f} vs {runs['nginx-statisch']['rps']:.0f} "
                f"req/s) | ≥ 0.5× | {_met(nginx >= 0.5)} |"
            )
        constant = all(
            row["klein"]["miss"] == row["groot"]["miss"] for row in pages.get("queries", [])
        )
        rows.append(
            f"| queries per public page, 3 vs 53 chapters | "
            f"{'constant' if constant else 'grows'}; 1 per stored page | constant | "
            f"{_met(constant)} |"
        )
    if zelftoets.get("runs"):
        best = max(zelftoets["runs"], key=lambda run: run["rate"])
        rate = statistics.median(
            run["rate"] for run in zelftoets["runs"] if run["workers"] == best["workers"]
        )
        lost = sum(run["lost"] for run in zelftoets["runs"])
        rows.append(
            f"| zelftoets submissions on PostgreSQL, 16 clients, {best['workers']} workers | "
            f"{rate:.0f}/s (median of rounds), {lost} lost | ≥ 800/s, 0 lost | "
            f"{_met(rate >= 800 and lost == 0)} |"
        )
        production = [run["rate"] for run in zelftoets["runs"] if run["workers"] == "2"]
        if production and best["workers"] != "2":
            rate = statistics.median(production)
            rows.append(
                f"| … with gunicorn.conf.py's 2 workers (production) | {rate:.0f}/s | ≥ 800/s | "
                f"{_met(rate >= 800 and lost == 0)} |"
            )
    for vendor, p95 in search_p95(search_output).items():
        rows.append(
            f"| search p95, 1,000 chapters, {vendor} | {p95:.1f} ms | ≤ 30 ms | {_met(p95 <= 30)} |"
        )
    if zelftoets.get("reviewer_list"):
        first = zelftoets["reviewer_list"]["eerste pagina"]
        rows.append(
            f"| reviewers' list, {zelftoets['rows']:,} reflections, first page | median "
            f"{first['median']:.0f} ms, p95 {first['p95']:.0f} ms | ≤ 300 ms | "
            f"{_met(first['p95'] <= 300)} |"
        )
    return "\n".join(rows) + "\n"


def pages_section(pages: dict) -> str:
    runs = pages["runs"]
    white = runs["whitenoise"]["rps"]
    lines = [
        "## Pages (`bench/bench_pages.py`)\n",
        f"The same {pages['page_bytes']:,}-byte chapter page (seed chapter 1) served several ways; "
        f"wrk, 16 connections, keep-alive off, {pages['seconds']} s per run, "
        f"{pages['rounds']} interleaved rounds, medians. PostgreSQL and Redis as in production.\n",
        "| served by | req/s | p50 | p99 | × whitenoise | rounds (req/s) |",
        "|---|---|---|---|---|---|",
    ]
    for name, run in runs.items():
        lines.append(
            f"| {name} | {run['rps']:,.0f} | {run['p50']:.2f} ms | {run['p99']:.2f} ms | "
            f"{run['rps'] / white:.2f} | {run['all_rps']} |"
        )
    lines.append("\nRight after a publish (end to end through gunicorn, a new connection each):\n")
    lines += ["| request after the publish | median | p95 |", "|---|---|---|"]
    for label, values in pages["after_publish"].items():
        lines.append(f"| {label} | {values['median']:.2f} ms | {values['p95']:.2f} ms |")
    inside = pages["in_process_first_render"]
    lines.append(
        f"| first, inside Django (no network) | {inside['median']:.2f} ms | "
        f"{inside['p95']:.2f} ms |"
    )
    lines += [
        "\nQueries per public page: a miss right after a version bump, and a stored hit (the "
        "one query is the content version):\n",
        "| page | miss, 3 chapters | miss, 53 chapters | stored |",
        "|---|---|---|---|",
    ]
    for row in pages["queries"]:
        lines.append(
            f"| `{row['page'][:60]}` | {row['klein']['miss']} | {row['groot']['miss']} | "
            f"{row['groot']['hit']} |"
        )
    memory = "; ".join(f"{kind}: {values}" for kind, values in pages["rss_mib"].items())
    lines.append(f"\nMemory per gunicorn worker (RSS, MiB) after the run: {memory}.\n")
    cost = pages["hit_cost"]
    lines.append(
        f"Inside one process (no network, no gunicorn): a stored page costs "
        f"{cost['hit_us']:.0f} µs through Django's whole handler, the same bytes from whitenoise "
        f"{cost['whitenoise_us']:.0f} µs; reading the content version (the price of never "
        f"stale, one round trip to PostgreSQL that is also the connection's health check) "
        f"{cost['version_us']:.0f} µs of it.\n"
    )
    return "\n".join(lines)


def zelftoets_section(zelftoets: dict) -> str:
    lines = [
        "## Zelftoets (`bench/bench_zelftoets.py`, PostgreSQL)\n",
        "wrk posts the form (CSRF cookie and token, sharing answers: every submission is "
        "held, and released in groups of 5) with 16 connections; the advice is padded to 16 KB. "
        "`stored` counts held plus released rows after the run. This machine's PostgreSQL "
        "runs without autovacuum; each run starts from a vacuumed held pool.\n",
        "| workers | submissions/s | p50 | p99 | answered 200 | stored | lost |",
        "|---|---|---|---|---|---|---|",
    ]
    for run in zelftoets["runs"]:
        lines.append(
            f"| {run['workers']} | {run['rate']:.0f} | {run['p50']:.1f} ms | {run['p99']:.1f} ms "
            f"| {run['ok']:,} | {run['stored']:,} | {run['lost']} |"
        )
    if zelftoets.get("profile"):
        lines.append("\nWhere a submission's time goes (py-spy over the workers, busy samples):\n")
        lines += ["| part | share |", "|---|---|"]
        lines += [f"| {label} | {share:.0%} |" for label, share in zelftoets["profile"]]
    lines.append("\nReviewers' list (admin, logged-in reviewer):\n")
    lines += ["| list | median | p95 |", "|---|---|---|"]
    for label, values in zelftoets.get("reviewer_list", {}).items():
        lines.append(f"| {label} | {values['median']:.0f} ms | {values['p95']:.0f} ms |")
    return "\n".join(lines) + "\n"


def kept_sections(previous: str) -> list[str]:
    """Every `## ` section of the previous file that this run does not write."""
    sections = re.split(r"(?m)^(?=## )", previous)
    return [
        section.rstrip() + "\n"
        for section in sections
        if section.startswith("## ") and not section[3:].startswith(OWN_SECTIONS)
    ]


def replace_section(previous: str, heading: str, section: str) -> str:
    """`previous` with its `## ` section whose heading starts with `heading` replaced by
    `section`; a new one goes before the output of this run, or at the end. For scripts that
    write one section of their own (bench/chaos.py); `render` carries it over."""
    parts = re.split(r"(?m)^(?=## )", previous)
    at = next((n for n, part in enumerate(parts) if part.startswith(heading)), None)
    if at is not None:
        parts[at] = section.rstrip() + "\n\n"
        return ("".join(parts)).rstrip() + "\n"
    at = next((n for n, p in enumerate(parts) if p.startswith("## Output of this run")), None)
    if at is None:
        return previous.rstrip() + "\n\n" + section.rstrip() + "\n"
    parts.insert(at, section.rstrip() + "\n\n")
    return "".join(parts)
