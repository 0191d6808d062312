"""`manage.py create_staff`: an editor, reviewer or HR account in one command."""

from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

STRONG = "lange-zin-als-wachtwoord-42"


def answer(monkeypatch, inputs: list[str], passwords: list[str]) -> None:
    """Type these answers at the prompts (input) and these passwords (getpass)."""
    typed, secret = iter(inputs), iter(passwords)
    monkeypatch.setattr("builtins.input", lambda prompt="": next(typed))
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(secret))


def run(*args, **options) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("create_staff", *args, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    ("choice", "group"), [("1", "Redacteuren"), ("beoordelaar", "Beoordelaars"), ("HR", "HR")]
)
def test_asks_role_name_email_and_password_and_makes_a_staff_account(monkeypatch, choice, group):
    answer(monkeypatch, [choice, "j.jansen", "j.jansen@minbzk.example"], [STRONG, STRONG])
    out, _err = run()
    user = User.objects.get(username="j.jansen")
    assert user.is_staff and not user.is_superuser
    assert user.email == "j.jansen@minbzk.example"
    assert user.check_password(STRONG)
    assert list(user.groups.values_list("name", flat=True)) == [group]
    assert "Account „j.jansen” gemaakt" in out
    assert f"groep {group}" in out


def test_asks_again_after_a_wrong_answer(monkeypatch):
    UserFactory(username="bezet")
    answer(
        monkeypatch,
        ["baas", "2", "bezet", "met spatie", "nieuw", "geen-adres", "n@minbzk.example"],
        ["kort", "kort", STRONG, "iets anders", STRONG, STRONG],
    )
    _out, err = run()
    assert "Kies 1 (redacteur), 2 (beoordelaar) of 3 (hr)." in err
    assert "Er is al een account met de gebruikersnaam „bezet”." in err
    assert "geen spaties" in err
    assert "„geen-adres” is geen geldig e-mailadres." in err
    assert "niet sterk genoeg" in err  # Django's validators, in Dutch
    assert "Het is te kort: gebruik minstens 12 tekens." in err
    assert "niet gelijk" in err
    user = User.objects.get(username="nieuw")
    assert user.groups.get().name == "Beoordelaars"


def test_scripts_pass_options_and_the_password_in_the_environment(monkeypatch):
    monkeypatch.setenv("STAFF_PASSWORD", STRONG)
    monkeypatch.setattr("builtins.input", lambda prompt="": pytest.fail("asked a question"))
    run("--role", "hr", "--username", "hr.collega", "--email", "hr@minbzk.example", "--no-input")
    user = User.objects.get(username="hr.collega")
    assert user.is_staff
    assert user.check_password(STRONG)
    assert user.groups.get().name == "HR"


@pytest.mark.parametrize(
    ("args", "password", "message"),
    [
        (["--username", "a", "--email", "a@minbzk.example"], STRONG, "Geef de rol mee"),
        (["--role", "redacteur", "--email", "a@minbzk.example"], STRONG, "Gebruikersnaam"),
        (["--role", "redacteur", "--username", "a", "--email", "x"], STRONG, "geen geldig"),
        (["--role", "redacteur", "--username", "a", "--email", "a@minbzk.example"], "", "STAFF"),
        (
            ["--role", "redacteur", "--username", "a", "--email", "a@minbzk.example"],
            "12345",
            "alleen uit cijfers",
        ),
    ],
)
def test_scripts_stop_with_a_dutch_message_instead_of_asking(monkeypatch, args, password, message):
    monkeypatch.setenv("STAFF_PASSWORD", password)
    with pytest.raises(CommandError, match=message):
        run(*args, "--no-input")
    assert not User.objects.filter(username="a").exists()


def test_an_existing_username_is_refused(monkeypatch):
    UserFactory(username="Bestaat")
    monkeypatch.setenv("STAFF_PASSWORD", STRONG)
    with pytest.raises(CommandError, match="Er is al een account"):
        run("--role", "redacteur", "--username", "bestaat", "--email", "b@minbzk.example",
            "--no-input")  # fmt: skip


def test_a_missing_group_says_to_migrate(monkeypatch):
    from django.contrib.auth.models import Group

    Group.objects.filter(name="HR").delete()
    monkeypatch.setenv("STAFF_PASSWORD", STRONG)
    with pytest.raises(CommandError, match="migrate"):
        run("--role", "hr", "--username", "h", "--email", "h@minbzk.example", "--no-input")
    assert not User.objects.filter(username="h").exists()


def test_the_new_editor_can_log_in_and_edit_chapters(monkeypatch, client):
    monkeypatch.setenv("STAFF_PASSWORD", STRONG)
    run("--role", "redacteur", "--username", "r", "--email", "r@minbzk.example", "--no-input")
    client.force_login(User.objects.get(username="r"))
    assert User.objects.get(username="r").check_password(STRONG)
    assert client.get("/admin/handreiking/chapter/").status_code == 200
    assert client.get("/admin/handreiking/reflection/").status_code == 403
