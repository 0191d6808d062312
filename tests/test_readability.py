"""Readable Dutch: the measurement, the live endpoint, the panel on the change page and the score
per version in the history."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from handreiking import readability
from handreiking.admin.chapters import ChapterAdmin
from tests.factories import ChapterFactory, UserFactory, publish_change

pytestmark = pytest.mark.django_db

URL = "/admin/leesbaarheid/"
CHANGELIST = "/admin/handreiking/chapter/"

# Plain B1 Dutch, in the handreiking's own tone.
B1_TEXT = (
    "Je mag als ambtenaar online actief zijn. Je bent dan wel een ambassadeur van je "
    "organisatie. Denk goed na voor je iets plaatst. Zou je het ook tegen een collega zeggen? "
    "Twijfel je? Vraag het dan aan je leidinggevende."
)
# Exactly 40 words in one sentence.
LONG_SENTENCE = (
    "Wie als rijksambtenaar op sociale media over zijn werk schrijft, moet er rekening mee "
    "houden dat collega's, journalisten en burgers meelezen en dat een bericht voor een kleine "
    "kring vrienden binnen een paar uur door heel Nederland gedeeld kan worden."
)
NOT_MEASURED = '<span aria-hidden="true">–</span><span class="visually-hidden">niet gemeten</span>'
CHAPTER_BODY = f"{B1_TEXT}\n\n## Online luisteren\n\nKijk rond. Lees mee. Luisteren is ook meedoen."


# ---- The measurement, on real Dutch text ----


def test_compounds_count_as_the_long_words_they_are():
    plain = (
        "Wij maken de regels voor ons werk. Die regels zijn kort en goed. U vindt ze op de site."
    )
    compounds = (
        "Wij maken de informatiebeveiligingsregels voor ons werk. Die rijksoverheidsregels zijn "
        "kort en goed. U vindt ze op de intranetwebsite."
    )
    easy, hard = readability.measure(plain).overall, readability.measure(compounds).overall
    # The same words and sentences: only the compounds differ, and they make it much harder.
    assert (easy.words, easy.sentences) == (hard.words, hard.sentences)
    assert hard.score < easy.score - 30
    assert hard.score < readability.B1_SCORE


def test_short_b1_text_meets_the_target():
    overall = readability.measure(B1_TEXT).overall
    assert overall.score >= readability.B1_SCORE
    assert overall.words_per_sentence <= readability.B1_SENTENCE_WORDS
    assert overall.meets_b1
    assert overall.longest == []


def test_a_section_with_a_40_word_sentence_lists_it():
    report = readability.measure(
        f"Kort is goed.\n\n## Online schrijven\n\nLees dit. {LONG_SENTENCE}"
    )
    section = next(s for s in report.sections if s.title == "Online schrijven")
    assert section.longest == [{"text": LONG_SENTENCE, "words": 40}]
    assert not section.meets_b1
    # The section without long sentences lists none.
    assert next(s for s in report.sections if s.title == "").longest == []


# ---- The live endpoint ----


@pytest.mark.parametrize(
    ("role", "status"), [("anonymous", 302), ("editor", 200), ("reviewer", 403), ("hr", 403)]
)
def test_only_editors_get_a_report(client_as, role, status):
    response = client_as(role).post(URL, {"body": B1_TEXT})
    assert response.status_code == status
    if role == "anonymous":
        assert response["Location"].startswith("/admin/login/")
    assert ("Score" in response.content.decode()) is (status == 200)


def test_the_endpoint_refuses_get(editor_client):
    assert editor_client.get(URL).status_code == 405


def test_the_endpoint_needs_the_csrf_token(editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    assert client.post(URL, {"body": B1_TEXT}).status_code == 403
    # The change page sets the token the panel's script sends along.
    client.get(f"{CHANGELIST}add/")
    token = client.cookies["csrftoken"].value
    response = client.post(URL, {"body": B1_TEXT}, headers={"X-CSRFToken": token})
    assert response.status_code == 200


def test_the_html_fragment_is_the_panels_report(editor_client):
    body = (
        f"{B1_TEXT}\n\n## Online schrijven\n\nLees dit. {LONG_SENTENCE}\n\n"
        "## Vragen & <script>antwoorden</script>\n\n"
        "<script>alert(1)</script> Twijfel je? Vraag het."
    )
    response = editor_client.post(URL, {"body": body})
    assert response["Content-Type"].startswith("text/html")
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    score = int(readability.measure(body).overall.score // 1)
    assert "data-readability-report" in html
    assert f"Score {score}</strong> (doel: 60 of hoger, taalniveau B1)" in html
    assert '<th scope="row">Online schrijven</th>' in html
    assert "Langste zinnen (meer dan 25 woorden)" in html
    assert "(40 woorden)" in html
    assert "meelezen en dat een bericht" in html
    assert "<script>" not in html
    assert '<th scope="row">Vragen &amp; antwoorden</th>' in html
    # Only the report: the panel's heading and live region stay on the page.
    assert "<h2" not in html
    assert "aria-live" not in html


def test_json_when_only_json_is_accepted(editor_client):
    body = f"## Online schrijven\n\n{LONG_SENTENCE}"
    response = editor_client.post(URL, {"body": body}, headers={"Accept": "application/json"})
    assert response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"]
    data = response.json()
    assert data["b1"] == {"score": 60, "words_per_sentence": 15, "long_sentence_words": 25}
    assert data["overall"]["score"] == readability.measure(body).overall.score
    assert data["overall"]["meets_b1"] is False
    [section] = data["sections"]
    assert section["title"] == "Online schrijven"
    assert section["longest"] == [{"text": LONG_SENTENCE, "words": 40}]


def test_too_much_text_gets_a_dutch_message(editor_client):
    response = editor_client.post(URL, {"body": "Woord. " * 30_000})
    assert response.status_code == 413
    assert "te lang om tijdens het typen te meten" in response.content.decode()


def test_empty_text_says_there_is_too_little_to_measure(editor_client):
    html = editor_client.post(URL, {"body": ""}).content.decode()
    assert "Nog te weinig tekst om de leesbaarheid te meten" in html


# ---- The panel on the change page ----


def test_the_change_page_shows_the_panel_for_the_text_in_the_form(editor_client):
    chapter = ChapterFactory(body=f"{CHAPTER_BODY}\n\n## Lang\n\n{LONG_SENTENCE}")
    html = editor_client.get(f"{CHANGELIST}{chapter.pk}/change/").content.decode()
    score = int(readability.measure(chapter.body).overall.score // 1)
    assert '<h2 id="leesbaarheid-kop">Leesbaarheid</h2>' in html
    assert f'data-readability-url="{URL}"' in html
    assert f"Score {score}</strong> (doel: 60 of hoger, taalniveau B1)" in html
    assert "Gemiddelde zinslengte" in html
    assert '<th scope="row">Online luisteren</th>' in html
    assert "(40 woorden)" in html
    assert 'role="status" aria-live="polite"' in html


def test_a_view_only_user_sees_the_stored_report_without_live_updates(client):
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="view_chapter"))
    client.force_login(user)
    chapter = ChapterFactory(body=CHAPTER_BODY)
    html = client.get(f"{CHANGELIST}{chapter.pk}/change/").content.decode()
    assert "Leesbaarheid" in html
    assert "data-readability-url" not in html
    assert '<th scope="row">Online luisteren</th>' in html


# ---- Per version in the history ----


def history_cells(client, chapter) -> list[str]:
    html = client.get(f"{CHANGELIST}{chapter.pk}/history/").content.decode()
    cells = html.split('<td class="history-readability">')[1:]
    return [cell.split("</td>", 1)[0] for cell in cells]


def test_the_history_shows_each_versions_score_and_the_change(editor_client):
    chapter = ChapterFactory(body=B1_TEXT)
    harder = f"{B1_TEXT} {LONG_SENTENCE}"
    publish_change(chapter=chapter, user=None, body=harder)
    publish_change(chapter=chapter, user=None, body=B1_TEXT)
    publish_change(chapter=chapter, user=None, title="Online actief")
    easy = int(readability.measure(B1_TEXT).overall.score // 1)
    hard = int(readability.measure(harder).overall.score // 1)
    newest, easier, harder_cell, oldest = history_cells(editor_client, chapter)
    assert oldest == str(easy)  # nothing before it
    assert harder_cell == f"{hard} (−{easy - hard}, moeilijker)"
    assert easier == f"{easy} (+{easy - hard}, makkelijker)"
    assert newest == f"{easy} (gelijk)"  # only the title changed


def test_a_version_from_before_the_measurement_shows_a_dash(editor_client):
    chapter = ChapterFactory(body=B1_TEXT)
    publish_change(chapter=chapter, user=None, body=f"{B1_TEXT} {LONG_SENTENCE}")
    oldest = chapter.history.order_by("history_date", "history_id").first()
    chapter.history.filter(history_id=oldest.history_id).update(readability={})
    newest, old = history_cells(editor_client, chapter)
    assert old == NOT_MEASURED
    # Nothing to compare with: the score alone.
    assert newest == str(int(readability.measure(f"{B1_TEXT} {LONG_SENTENCE}").overall.score // 1))


def test_the_last_version_on_a_page_is_compared_with_the_next_page(editor_client, monkeypatch):
    monkeypatch.setattr(ChapterAdmin, "history_list_per_page", 1)
    chapter = ChapterFactory(body=B1_TEXT)
    publish_change(chapter=chapter, user=None, body=f"{B1_TEXT} {LONG_SENTENCE}")
    [cell] = history_cells(editor_client, chapter)
    assert "moeilijker" in cell


def test_too_little_text_in_a_version_says_so(editor_client):
    chapter = ChapterFactory(body="Kort.")
    assert history_cells(editor_client, chapter) == ["te weinig tekst"]
