"""Make an account for the editors, the reviewers or HR in one go: role, name, e-mail, password.

Interactive by default; for scripts, pass --role, --username and --email with --no-input and put
the password in the environment variable STAFF_PASSWORD (never on the command line, where the
process list and the shell history would keep it)."""

import getpass
import os
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import translation

DUTCH_REASONS = {
    "password_too_short": "Het is te kort: gebruik minstens {min_length} tekens.",
    "password_too_similar": "Het lijkt te veel op de gebruikersnaam of het e-mailadres.",
    "password_too_common": "Het staat op de lijst van veelgebruikte wachtwoorden.",
    "password_entirely_numeric": "Het bestaat alleen uit cijfers.",
}
PASSWORD_ENV = "STAFF_PASSWORD"  # noqa: S105 (the name of a variable, not a password)


@dataclass(frozen=True)
class Role:
    key: str
    group: str
    does: str


ROLES = (
    Role("redacteur", "Redacteuren", "hoofdstukken schrijven, publiceren en terugzetten"),
    Role("beoordelaar", "Beoordelaars", "de anonieme reflecties van de zelftoets lezen"),
    Role("hr", "HR", "onboardingmateriaal aan hoofdstukken koppelen"),
)


def find_role(answer: str) -> Role | None:
    """A role by number (1-3), key or group name, in any case."""
    answer = answer.strip().lower()
    for number, role in enumerate(ROLES, start=1):
        if answer in (str(number), role.key, role.group.lower()):
            return role
    return None


class Command(BaseCommand):
    help = (
        "Maakt een account voor de beheeromgeving: redacteur, beoordelaar of HR. Vraagt om rol, "
        f"gebruikersnaam, e-mailadres en wachtwoord, of neemt ze uit de opties (met --no-input: "
        f"het wachtwoord uit de omgevingsvariabele {PASSWORD_ENV})."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--role", choices=[role.key for role in ROLES], help="redacteur, beoordelaar of hr."
        )
        parser.add_argument("--username", help="De gebruikersnaam om mee in te loggen.")
        parser.add_argument("--email", help="Het e-mailadres van de gebruiker.")
        parser.add_argument(
            "--no-input",
            "--noinput",
            action="store_false",
            dest="interactive",
            help=f"Vraag niets; het wachtwoord komt uit de omgevingsvariabele {PASSWORD_ENV}.",
        )

    def handle(self, *args, role=None, username=None, email=None, interactive=True, **options):
        with translation.override("nl"):
            self.interactive = interactive
            chosen = self.ask_role(role)
            username = self.ask_username(username)
            email = self.ask_email(email)
            user = get_user_model()(username=username, email=email, is_staff=True)
            password = self.ask_password(user)
            group = Group.objects.filter(name=chosen.group).first()
            if group is None:
                raise CommandError(
                    f"De groep {chosen.group} bestaat niet. Draai eerst: python manage.py migrate"
                )
            with transaction.atomic():
                user.set_password(password)
                user.save()
                user.groups.add(group)
        self.stdout.write(
            self.style.SUCCESS(
                f"Account „{username}” gemaakt: {chosen.key} (groep {chosen.group}), "
                f"mag {chosen.does}. Inloggen kan op /admin/."
            )
        )

    # Each question: the option's value if given, else ask (interactive) or stop (scripts).

    def ask(self, question: str) -> str:
        if not self.interactive:
            raise CommandError(f"{question} ontbreekt. Geef het mee als optie.")
        return input(f"{question}: ").strip()

    def ask_role(self, given: str | None) -> Role:
        if given:
            return find_role(given)  # argparse allows only known keys
        if not self.interactive:
            raise CommandError("Geef de rol mee: --role redacteur, beoordelaar of hr.")
        self.stdout.write("Welke rol krijgt het account?")
        for number, role in enumerate(ROLES, start=1):
            self.stdout.write(f"  {number}. {role.key}: {role.does}")
        while True:
            chosen = find_role(input("Rol (1, 2 of 3): "))
            if chosen:
                return chosen
            self.stderr.write("Kies 1 (redacteur), 2 (beoordelaar) of 3 (hr).")

    def ask_username(self, given: str | None) -> str:
        model = get_user_model()
        while True:
            username = given if given is not None else self.ask("Gebruikersnaam")
            problem = ""
            if not username:
                problem = "Vul een gebruikersnaam in."
            elif model.objects.filter(username__iexact=username).exists():
                problem = f"Er is al een account met de gebruikersnaam „{username}”."
            else:
                try:
                    model.username_validator(username)
                except ValidationError:
                    problem = (
                        "Een gebruikersnaam bestaat uit letters, cijfers en de tekens @ . + - _ "
                        "(geen spaties)."
                    )
            if not problem:
                return username
            if given is not None or not self.interactive:
                raise CommandError(problem)
            self.stderr.write(problem)

    def ask_email(self, given: str | None) -> str:
        while True:
            email = given if given is not None else self.ask("E-mailadres")
            try:
                validate_email(email)
            except ValidationError:
                problem = (
                    f"„{email}” is geen geldig e-mailadres." if email else "Vul een e-mailadres in."
                )
                if given is not None or not self.interactive:
                    raise CommandError(problem) from None
                self.stderr.write(problem)
            else:
                return email

    def ask_password(self, user) -> str:
        if not self.interactive:
            password = os.environ.get(PASSWORD_ENV, "")
            if not password:
                raise CommandError(f"Zet het wachtwoord in de omgevingsvariabele {PASSWORD_ENV}.")
            self.check_password(password, user)
            return password
        while True:
            password = getpass.getpass("Wachtwoord: ")
            again = getpass.getpass("Wachtwoord (nog een keer): ")
            if password != again:
                self.stderr.write("De wachtwoorden zijn niet gelijk. Probeer het opnieuw.")
                continue
            try:
                self.check_password(password, user)
            except CommandError as error:
                self.stderr.write(str(error))
                continue
            return password

    def check_password(self, password: str, user) -> None:
        """Django's password validators (settings.AUTH_PASSWORD_VALIDATORS), in Dutch: Django
        5.2's Dutch catalogue misses some of their messages, so the known ones are ours."""
        try:
            validate_password(password, user)
        except ValidationError as error:
            reasons = []
            for item in error.error_list:
                if item.code in DUTCH_REASONS:
                    reasons.append(DUTCH_REASONS[item.code].format(**(item.params or {})))
                else:
                    reasons.extend(item.messages)
            text = " ".join(reasons)
            raise CommandError(f"Dit wachtwoord is niet sterk genoeg. {text}") from None
