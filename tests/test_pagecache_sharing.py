"""Requests of one process share a content-version read only when it was sent after they
arrived: a publish committed before a request still shows on that request."""

import threading
import time

import pytest

from handreiking.pagecache.sharing import SharedRead


class Database:
    """A version that changes when told; each read sees the version at the moment it is sent
    and is answered when the test releases it."""

    def __init__(self):
        self.version = 1
        self.sent: list[int] = []
        self.release = threading.Event()
        self.fail = False

    def read(self) -> int:
        seen = self.version
        self.sent.append(seen)
        if len(self.sent) == 1:
            self.release.wait(10)  # the first read stays under way until released
        if self.fail and len(self.sent) == 2:
            raise ConnectionError("database weg")
        return seen


def start(shared: SharedRead, results: list) -> threading.Thread:
    thread = threading.Thread(target=lambda: results.append(shared()))
    thread.start()
    return thread


def wait_until(condition) -> None:
    deadline = time.monotonic() + 10
    while not condition():
        assert time.monotonic() < deadline
        time.sleep(0.005)


def test_every_request_reads_when_it_is_alone():
    database = Database()
    database.release.set()
    shared = SharedRead(database.read)
    assert [shared(), shared(), shared()] == [1, 1, 1]
    assert len(database.sent) == 3  # nothing kept between requests


def test_a_read_sent_before_a_request_arrived_never_answers_it():
    database = Database()
    shared = SharedRead(database.read)
    early: list[int] = []
    first = start(shared, early)
    wait_until(lambda: database.sent)  # the first read is under way
    database.version = 2  # a publish commits
    late: list[int] = []
    second = start(shared, late)
    wait_until(lambda: shared._next is not None)
    database.release.set()
    first.join(10)
    second.join(10)
    assert early == [1]
    assert late == [2]  # its own read, sent after it arrived


def test_requests_arriving_during_a_read_share_the_next_one():
    database = Database()
    shared = SharedRead(database.read)
    results: list[int] = []
    first = start(shared, results)
    wait_until(lambda: database.sent)
    database.version = 2
    others = [start(shared, results) for _ in range(5)]
    wait_until(lambda: shared._next is not None)
    time.sleep(0.2)  # the other four join the same next read
    database.release.set()
    for thread in [first, *others]:
        thread.join(10)
    assert sorted(results) == [1, 2, 2, 2, 2, 2]
    assert len(database.sent) < 6


def test_when_the_shared_read_fails_each_request_reads_for_itself():
    database = Database()
    database.fail = True
    shared = SharedRead(database.read)
    results: list = []
    first = start(shared, results)
    wait_until(lambda: database.sent)
    errors: list[Exception] = []

    def follower() -> None:
        try:
            results.append(shared())
        except ConnectionError as error:
            errors.append(error)

    others = [threading.Thread(target=follower) for _ in range(3)]
    for thread in others:
        thread.start()
    wait_until(lambda: shared._next is not None)
    time.sleep(0.2)
    database.release.set()
    for thread in [first, *others]:
        thread.join(10)
    # The leader of the failed read gets its error; the others read again and get an answer.
    assert len(errors) == 1
    assert results == [1, 1, 1]


@pytest.mark.django_db
def test_the_page_cache_reads_through_the_shared_read(client):
    from handreiking.models import ContentVersion
    from handreiking.pagecache import keys

    assert keys.shared_content_state() == ContentVersion.objects.current()
