"""Demo follow-up and moderation: someone who answered the older-people survey anonymously
asked to hear what happened, and a development proposal that named a worker is moderated."""

from __future__ import annotations

from coprocure.contracts import services as contracts
from coprocure.contracts.models import Contract
from coprocure.core.models import Procurement, User
from coprocure.followup import services
from coprocure.participation.models import Survey


def run(users: dict[str, User], older: Procurement, substance_abuse: Procurement) -> None:
    survey = Survey.objects.filter(activity__procurement=older, mode="anonymous").order_by("pk").first()
    services.follow(survey, "vastaaja@example.invalid", "", "fi")
    contract = Contract.objects.get(procurement=substance_abuse, kind="partnership")
    official = users["virkailija"]
    proposal = contracts.submit_proposal(contract, {
        "text": "Ohjaaja Pekka Nieminen puhui minulle tylysti. Toivoisin, että puhelimeen vastattaisiin myös aamuisin.",
        "proposer_kind": "service_user",
    })
    contracts.decide_proposal(official, proposal, {"status": "under_consideration", "owner": official, "kras": [],
                                                   "outcome": {}, "status_reason": {}})
    name = "Ohjaaja Pekka Nieminen"
    start = proposal.text.index(name)
    contracts.redact_proposal(official, proposal, {"start": start, "end": start + len(name), "reason": "personal_data"})
