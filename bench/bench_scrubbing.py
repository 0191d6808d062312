"""How well the zelftoets scrubber does, and how fast: on the corpus in tests/scrub_corpus.py, and
on both halves of the blind round in tests/scrub_round3.py (tuned on, held out), each reported
on its own.

Per category: items, items removed, recall, and how many got the right token; then how many
ordinary texts changed and how many pieces that must stay went missing. For the older corpus and
the tuned half every miss and change is listed; for the held-out half only the figures, so that
nobody tunes on it. Last, the time for a 4,000-character text.

Run: `.venv/bin/python bench/bench_scrubbing.py` from the project root (needs no settings)."""

import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from handreiking.zelftoets import wordlists  # noqa: E402
from handreiking.zelftoets.scrubbing import scrub  # noqa: E402
from tests.scrub_corpus import CATEGORIES, CORPUS  # noqa: E402
from tests.scrub_round3 import HOLDOUT, TUNE  # noqa: E402


def quality(title: str, cases: list, details: bool) -> None:
    found, removed, right_token = Counter(), Counter(), Counter()
    misses, changed, lost, ordinary = [], [], [], 0
    for case in cases:
        result = scrub(case.text)
        if not case.remove:
            ordinary += 1
            if result.text != case.text:
                changed.append((case.text, result.text))
        for category, item in case.remove:
            found[category] += 1
            if item in result.text:
                misses.append((category, item, result.text))
            else:
                removed[category] += 1
                right_token[category] += f"[{category}]" in result.text
        lost += [(keep, result.text) for keep in case.keep if keep not in result.text]

    print(f"== {title}: {len(cases)} teksten, {ordinary} gewoon\n")
    print(f"{'categorie':<16} {'items':>5} {'weg':>5} {'recall':>7} {'juist token':>11}")
    for category in CATEGORIES:
        if not found[category]:
            continue
        recall = removed[category] / found[category]
        print(
            f"{category:<16} {found[category]:>5} {removed[category]:>5} {recall:>7.1%}"
            f" {right_token[category]:>11}"
        )
    total, gone = sum(found.values()), sum(removed.values())
    print(f"{'totaal':<16} {total:>5} {gone:>5} {gone / total:>7.1%}")
    print(
        f"\nGewone teksten veranderd: {len(changed)} van {ordinary} ({len(changed) / ordinary:.1%})"
    )
    print(f"Te bewaren stukken verdwenen (gemengde teksten): {len(lost)}")
    if not details:
        print("(achtergehouden: alleen cijfers, geen teksten)\n")
        return
    for category, item, text in misses:
        print(f"  gemist   {category:<15} {item!r}\n           -> {text!r}")
    for before, after in changed:
        print(f"  veranderd {before!r}\n           -> {after!r}")
    for keep, text in lost:
        print(f"  verdwenen {keep!r}\n           -> {text!r}")
    print()


def speed() -> None:
    wordlists.lexicon.cache_clear()
    start = time.perf_counter()
    wordlists.lexicon()
    load = time.perf_counter() - start
    text = " ".join(case.text for case in CORPUS)[:4000]
    scrub(text)
    timings = []
    for _ in range(200):
        start = time.perf_counter()
        scrub(text)
        timings.append(time.perf_counter() - start)
    timings.sort()
    print(f"Lijsten laden: {load * 1000:.0f} ms (één keer per proces)")
    print(
        f"4.000 tekens: mediaan {statistics.median(timings) * 1000:.1f} ms, "
        f"p95 {timings[int(len(timings) * 0.95)] * 1000:.1f} ms"
    )


if __name__ == "__main__":
    quality("Oudere corpus (tests/scrub_corpus.py)", CORPUS, details=True)
    quality("Ronde 3, getunede helft (TUNE)", TUNE, details=True)
    quality("Ronde 3, achtergehouden helft (HOLDOUT)", HOLDOUT, details=False)
    speed()
