"""What the network sees of a zelftoets sent from a real browser: one request body size,
whatever the answers and however long the text (up to a block), and one answer size."""

import pytest

from handreiking.models import HeldReflection

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BLOCK = 8192


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def send(page, *, answers: tuple[str, str, str], delen: str, text: str) -> tuple[int, int]:
    """Fill in and send the form as a person does; the sizes of the request and answer bodies."""
    page.goto("/zelftoets/")
    for name, value in zip(("colleagues", "manager", "newspaper"), answers, strict=True):
        page.check(f"input[name={name}][value={value}]")
    page.fill("textarea[name=text]", text)
    page.check(f"input[name=delen][value={delen}]")
    with (
        page.expect_response(lambda response: response.request.method == "POST") as answer,
        page.expect_navigation(),
    ):
        page.click("form.zelftoets button[type=submit]")
    response = answer.value
    assert response.status == 200
    return len(response.request.post_data_buffer), len(response.body())


def test_every_choice_sends_a_body_of_one_size(page):
    sizes = {
        send(page, answers=("ja", "ja", "ja"), delen="ja", text=""),
        send(page, answers=("nee", "weet-niet", "nee"), delen="nee", text="Kort."),
        send(
            page, answers=("weet-niet", "nee", "ja"), delen="ja", text="Regel één\nRegel twee é ü"
        ),
        send(page, answers=("nee", "nee", "nee"), delen="nee", text="Twijfel " * 200),
    }
    requests = {request for request, _answer in sizes}
    answers = {answer for _request, answer in sizes}
    assert requests == {BLOCK}, requests
    assert len(answers) == 1
    assert HeldReflection.objects.count() == 1  # the second "ja" came from the same computer
