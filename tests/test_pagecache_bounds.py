"""The page cache stays bounded (issue 23): only what a page reads is in its key, so invented
addresses make no entries; local memory and Redis are capped; and none of this costs a reader
the right page or a publish its effect."""

import random
import string
import uuid
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from handreiking.pagecache import keys, store
from tests.factories import ChapterFactory

pytestmark = pytest.mark.django_db

# Pages the cache stores, whose bytes must not depend on parameters it leaves out of the key.
STORED = ["/", "/wijzigingen/", "/wijzigingen/feed/", "/voor-hr/", "/toegankelijkheid/",
          "/privacy/", "/api/v1/hoofdstukken", "/api/v1/openapi.json"]  # fmt: skip
TRACKING = {"utm_source": "nieuwsbrief", "utm_medium": "e-mail", "fbclid": "IwAR0x", "gclid": "x1"}


@pytest.fixture(autouse=True)
def _fresh_process_memory():
    store.clear_local()
    yield
    store.clear_local()


@pytest.fixture
def stored(monkeypatch):
    """The keys the page cache stores, in order."""
    keys_: list[str] = []
    put = store.put

    def spy(key, page, *, seconds, wanted=False):
        done = put(key, page, seconds=seconds, wanted=wanted)
        if done:
            keys_.append(key)
        return done

    monkeypatch.setattr(store, "put", spy)
    return keys_


def local_pages() -> list[str]:
    """The page keys in this process's local-memory cache."""
    return [key for key in list(caches["default"]._cache) if ":page:" in key]


def queries(client: Client, url: str, data=None) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, data)
    return len(captured), response


def random_query(rng: random.Random) -> str:
    def word(n: int) -> str:
        return "".join(rng.choices(string.ascii_lowercase + string.digits, k=n))

    return "&".join(f"{word(rng.randint(1, 8))}={word(rng.randint(0, 12))}" for _ in range(2))


def flood(client: Client, urls: list[str], requests: int) -> set[int]:
    """`requests` GETs with random query strings, each string asked for twice (enough to be
    stored before); returns the statuses."""
    rng = random.Random(23)
    statuses = set()
    for i in range(requests // 2):
        url = urls[i % len(urls)]
        url += ("&" if "?" in url else "?") + random_query(rng)
        statuses |= {client.get(url).status_code, client.get(url).status_code}
    return statuses


@pytest.mark.skipif(bool(django_settings.REDIS_URL), reason="the local cache is not in use")
def test_the_local_cache_is_a_bounded_lru_from_the_settings():
    backend = caches["default"]
    assert isinstance(backend, LocMemCache)
    assert backend._max_entries == 2000
    assert backend._cull_frequency == 10


def flooded_pages(chapter) -> list[str]:
    qr = f"/voor-hr/qr/{chapter.pk}.svg"
    return [
        chapter.get_absolute_url(),
        qr,
        "/toegankelijkheid/",
        f"{qr}?onderdeel=eerste-onderdeel",
    ]


def test_4000_random_query_strings_make_no_entries_in_local_memory(client, stored):
    urls = flooded_pages(ChapterFactory())
    for url in urls:
        client.get(url)
        client.get(url)
    before = set(local_pages())
    assert len(before) == len(urls)
    assert flood(client, urls, 4000) == {200}
    assert set(local_pages()) == before
    assert len(stored) == len(urls)


def test_4000_random_query_strings_make_no_entries_in_redis(client, redis_client, settings, stored):
    # A prefix of this test's own: other test runs may share the Redis database.
    prefix = f"pagecache-bounds-{uuid.uuid4().hex[:12]}"
    settings.CACHES = {"default": {**settings.CACHES["default"], "KEY_PREFIX": prefix}}
    urls = flooded_pages(ChapterFactory())
    for url in urls:
        client.get(url)
        client.get(url)
    assert flood(client, urls, 4000) == {200}
    # Nothing was written for the flood; what Redis holds is at most the pages themselves
    # (fewer if another test run cleared the database meanwhile).
    assert len(stored) == len(urls)
    pages = list(redis_client.scan_iter(match=f"{prefix}:*", count=1000))
    assert len(pages) <= len(urls)
    assert all(b":page:" in key for key in pages)
    for key in pages:  # every copy goes by itself, also when Redis has room to spare
        assert 0 < redis_client.ttl(key) <= 3600
    assert len(store._local) <= store.LOCAL_LIMIT


def test_tracking_parameters_get_the_same_stored_page(client, stored):
    url = ChapterFactory().get_absolute_url()
    plain = client.get(url)
    client.get(url)
    assert len(stored) == 1
    count, tracked = queries(client, url, {"utm_source": "nieuwsbrief", "utm_campaign": "mei"})
    assert count == 1  # the content version: served from the stored page
    assert tracked.content == plain.content
    assert tracked.headers["ETag"] == plain.headers["ETag"]
    for _ in range(3):
        client.get(url, {"fbclid": "IwAR0x", "utm_medium": "e-mail"})
    assert len(stored) == 1
    assert len(local_pages()) == 1


@pytest.mark.parametrize("url", [*STORED, "chapter", "qr", "version"])
def test_no_stored_page_reads_the_tracking_parameters(client, settings, url):
    """What makes leaving them out of the key right: rendered by the view, every stored page is
    the same bytes with and without them."""
    settings.PAGE_CACHE_SECONDS = 0
    chapter = ChapterFactory()
    url = {
        "chapter": chapter.get_absolute_url(),
        "qr": f"/voor-hr/qr/{chapter.pk}.svg",
        "version": f"{chapter.get_absolute_url()}versie/{timezone.localdate().isoformat()}/",
    }.get(url, url)
    plain = client.get(url)
    assert plain.status_code == 200
    assert client.get(url, TRACKING).content == plain.content


def test_an_unknown_parameter_gets_the_right_page_from_the_view_and_is_not_stored(client, stored):
    chapter = ChapterFactory(body="De tekst van vandaag.")
    url = chapter.get_absolute_url()
    for _ in range(3):
        count, response = queries(client, url, {"pagina": "2"})
        assert count > 1  # rendered
        assert "De tekst van vandaag." in response.text
    assert stored == []


def test_a_used_parameter_still_gives_its_own_page(client, stored):
    chapter = ChapterFactory()
    qr = f"/voor-hr/qr/{chapter.pk}.svg"
    section = {"onderdeel": "eerste-onderdeel"}
    whole, part = client.get(qr), client.get(qr, section)
    assert part.content != whole.content
    client.get(qr), client.get(qr, section)
    assert len(stored) == 2
    # Each from its own stored copy, whatever else the address carries or how it is spelled.
    for data, expected in (
        ({}, whole),
        (section, part),
        ({**section, "utm_source": "intranet"}, part),
        ({"utm_source": "intranet", **section}, part),
    ):
        count, response = queries(client, qr, data)
        assert (count, response.content) == (1, expected.content)
    assert client.get(f"{qr}?onderdeel=eerste%2Donderdeel").content == part.content
    assert len(stored) == 2
    # An unknown section is a 404, never stored; a used parameter given twice, or with an
    # unknown one, goes to the view.
    assert client.get(qr, {"onderdeel": "bestaat-niet"}).status_code == 404
    for address in (
        f"{qr}?onderdeel=eerste-onderdeel&onderdeel=eerste-onderdeel",
        f"{qr}?onderdeel=eerste-onderdeel&x=1",
    ):
        for _ in range(2):
            count, response = queries(client, address)
            assert count > 1
            assert response.content == part.content
    assert len(stored) == 2


def test_only_the_day_as_the_site_links_it_is_stored_for_an_earlier_version(client, stored):
    chapter = ChapterFactory()
    today = timezone.localdate()
    url = f"{chapter.get_absolute_url()}versie/{{}}/"
    for day in (today.strftime("%Y%m%d"), today.strftime("%G-W%V-%u")):
        for _ in range(2):
            assert client.get(url.format(day)).status_code == 200  # the same page as below
    for _ in range(2):  # days still to come have no version yet
        assert client.get(url.format((today + timedelta(days=1)).isoformat())).status_code == 404
    assert stored == []
    for _ in range(2):
        client.get(url.format(today.isoformat()))
    assert len(stored) == 1


def test_the_local_cap_holds_and_the_least_recently_used_page_goes(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pagecache-bounds",
            "OPTIONS": {"MAX_ENTRIES": 20, "CULL_FREQUENCY": 10},
        }
    }
    cache.clear()
    page = store.Page(b"<p>Een pagina.</p>", (("Content-Type", "text/html"),))
    names = [f"page:{i:03d}" for i in range(50)]
    for i, name in enumerate(names):
        assert store.put(name, page, seconds=3600, wanted=True)
        assert store.get(names[0]) is not None  # read all the time: never the oldest
        assert len(local_pages()) <= 20
        if i >= 20:
            assert store.get(names[i - 19]) is None  # the oldest went
    assert store.get(names[-1]) is not None
    cache.clear()


def test_the_copies_in_front_of_redis_are_bounded_too(redis_client, monkeypatch):
    monkeypatch.setattr(store._local, "limit", 5)
    page = store.Page(b"<p>Een pagina.</p>", ())
    for i in range(12):
        store.put(f"page:{i}", page, seconds=60, wanted=True)
    assert list(store._local) == [f"page:{i}" for i in range(7, 12)]
    for key in redis_client.scan_iter(match="*:page:*"):
        assert 0 < redis_client.ttl(key) <= 60


def test_a_publish_still_shows_at_once_at_every_spelling_of_an_address(client):
    chapter = ChapterFactory(title="De oude titel", body="Oud.\n\n## Eerste onderdeel\n\nMeer.")
    qr = f"/voor-hr/qr/{chapter.pk}.svg"
    addresses = [
        (chapter.get_absolute_url(), {}),
        (chapter.get_absolute_url(), {"utm_source": "x"}),
        ("/voor-hr/", {"fbclid": "y"}),
        (qr, {"onderdeel": "eerste-onderdeel", "utm_medium": "z"}),
    ]
    for _ in range(2):
        for url, data in addresses:
            assert client.get(url, data).status_code == 200
    chapter.title = "De nieuwe titel"
    chapter.body = "De nieuwe tekst.\n\n## Eerste onderdeel\n\nMeer."
    chapter.save()
    for url, data in addresses[:3]:
        text = client.get(url, data).text
        assert "De nieuwe titel" in text
        assert "De oude titel" not in text
    # Served under the new version: read from the view once, not from the old copy.
    with CaptureQueriesContext(connection) as captured:
        assert client.get(qr, addresses[3][1]).status_code == 200
    assert len(captured) > 1


def test_the_key_ignores_the_order_and_spelling_of_the_query_string(rf):
    chapter = ChapterFactory()
    qr = f"/voor-hr/qr/{chapter.pk}.svg"
    spellings = [
        f"{qr}?onderdeel=eerste-onderdeel",
        f"{qr}?utm_source=a&onderdeel=eerste%2Donderdeel",
        f"{qr}?onderdeel=eerste-onderdeel&utm_campaign=b&gclid=c",
    ]
    assert len({keys.page_key(rf.get(address), "v1") for address in spellings}) == 1
    assert keys.page_key(rf.get(f"{qr}?x=1"), "v1") is None
    assert keys.page_key(rf.get("/?utm_source=a"), "v1") == keys.page_key(rf.get("/"), "v1")
    too_many = "&".join(f"a{i}=1" for i in range(1001))
    assert keys.page_key(rf.get(f"/?{too_many}"), "v1") is None
