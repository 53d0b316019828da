from django.core.management import call_command
from django.urls import reverse

from coprocure.contracts.models import DevelopmentProposal
from coprocure.followup.models import FollowUpContact


def test_demo_has_a_follow_up_contact_and_a_moderated_proposal(db, client):
    call_command("demo", stdout=open("/dev/null", "w"))
    contact = FollowUpContact.objects.get()
    assert str(contact.procurement) == "Kotona asumista tukevat palvelut ikääntyneille"
    proposal = DevelopmentProposal.objects.exclude(redactions=[]).get()
    assert "Pekka Nieminen" in proposal.text
    page = client.get(reverse("you_said_we_did", args=[proposal.contract_id])).content.decode()
    assert "Pekka Nieminen" not in page and "[poistettu moderoinnissa: henkilötieto] puhui minulle tylysti." in page
