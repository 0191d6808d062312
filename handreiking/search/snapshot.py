"""The vocabulary and the editors' search settings, loaded once per content version.

Every search reads the content version (one small query); the version is replaced in the same
transaction as any chapter save and any edit of synonyms or best answers, so a process never
answers from words that are no longer published or settings that were changed elsewhere."""

import threading
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count

from handreiking.models import BestAnswer, Chapter, ContentVersion, SearchTerm, Synonym
from handreiking.search.glossary import groups
from handreiking.search.thesaurus import Thesaurus
from handreiking.search.vocabulary import Vocabulary

KEEP = 2  # the current version and the one before, for requests that overlap a change
CACHE_SECONDS = 24 * 60 * 60

_lock = threading.Lock()
_loaded: dict[str, "Snapshot"] = {}


@dataclass(frozen=True)
class Snapshot:
    vocabulary: Vocabulary
    thesaurus: Thesaurus


def current() -> Snapshot:
    # The version first, then the data: data newer than its version only costs a reload.
    version = ContentVersion.objects.current()
    snapshot = _loaded.get(version)
    if snapshot is None:
        snapshot = load(version)
        with _lock:
            while len(_loaded) >= KEEP:
                _loaded.pop(next(iter(_loaded)))
            _loaded[version] = snapshot
    return snapshot


def load(version: str = "") -> Snapshot:
    vocabulary = Vocabulary.build(*word_counts(version))
    pins = BestAnswer.objects.filter(chapter__is_published=True).values_list(
        "query", "chapter_id", "anchor"
    )
    editors = list(Synonym.objects.values_list("terms", flat=True))
    thesaurus = Thesaurus.build([*groups(), *editors], list(pins))
    return Snapshot(vocabulary=vocabulary, thesaurus=thesaurus)


def word_counts(version: str) -> tuple[dict[str, int], int]:
    """How many published chapters use each word. Counting takes a moment with a thousand
    chapters, so the first process to count shares the result through the cache (published
    words only, under the version: never stale)."""
    key = f"handreiking:search-words:{version}"
    counted = cache.get(key) if version else None
    if counted is None:
        rows = (
            SearchTerm.objects.filter(chapter__is_published=True)
            .values_list("word")
            .annotate(chapters=Count("id"))
            .order_by()
        )
        counted = (dict(rows), Chapter.objects.published().count())
        if version:
            cache.set(key, counted, CACHE_SECONDS)
    return counted


def forget() -> None:
    """Drop what this process loaded (tests that change rows behind the version's back)."""
    with _lock:
        _loaded.clear()
