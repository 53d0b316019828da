from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from coprocure.accounts import services as accounts
from coprocure.accounts.twofactor import requires_second_factor
from coprocure.core.models import Procurement, User
from coprocure.demo import (
    alliance, alliance_procedure, contracts, evaluation, followup, negotiated, notices, panels, participation, partners, people,
    procedures, procurements, tendering,
)


class Command(BaseCommand):
    help = "Load the demo content into an empty database and print the demo logins."

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="Do nothing (but print logins) when data exists.")

    def handle(self, *args, if_empty=False, **options):
        if Procurement.objects.exists():
            if not if_empty:
                raise CommandError("The database already has procurements; the demo loads only into an empty one.")
        else:
            with transaction.atomic():
                organisations = people.create_organisations()
                users = people.create_users(organisations)
                substance_abuse = procurements.substance_abuse(users["virkailija"], users["valmistelija"])
                procurements.give_roles(users["virkailija"], substance_abuse, users)
                objectives = tendering.preparation(substance_abuse, users)
                negotiated.substance_abuse(substance_abuse, users, organisations, objectives)
                housing = procurements.housing_alliance(users["espoo"])
                alliance_people = alliance.reporters(organisations)
                alliance_award = alliance_procedure.housing_alliance(housing, users["espoo"], alliance_people["asumispalvelu"],
                                                    people.representative("arjentuki-demo", organisations["arjentuki"]),
                                                    organisations)
                older = procurements.older_people(users["virkailija"], users["valmistelija"])
                participation.older_people(users["virkailija"], users["valmistelija"], older)
                procedures.older_people(users["virkailija"], older)
                panels.run(users["virkailija"], older)
                partners.create_providers()
                partners.competence_network(users["jarjesto"])
                partners.partnership_table(users["virkailija"], users["valmistelija"], users["tuottaja"], older)
                partners.consortium(older, users["jarjesto"], organisations)
                contracts.substance_abuse(substance_abuse, users, organisations)
                alliance_contract = contracts.housing_alliance(alliance_award, users["espoo"])
                alliance.housing_alliance(alliance_contract, users["espoo"], alliance_people)
                followup.run(users, older, substance_abuse)
                evaluation.run(users, substance_abuse, housing)
                notices.details()
            self.stdout.write(self.style.SUCCESS("Demo content loaded."))
        self.stdout.write(f"Demo logins (password for all: {people.PASSWORD}):")
        for username, *_rest, about in people.USERS:
            self.stdout.write(f"  {username:<14} {about}")
        if settings.COPROCURE_REQUIRE_2FA:
            # In a deployment an administrator hands these over out of band (coprocure enrolment-code).
            self.stdout.write("Enrolment codes for the authenticator (officials and the administrator):")
            for user in User.objects.filter(username__in=[u for u, *_r in people.USERS]).order_by("username"):
                if requires_second_factor(user) and not user.totpdevice_set.filter(confirmed=True).exists():
                    self.stdout.write(f"  {user.username:<14} {accounts.issue_enrolment_code(None, user)}")
