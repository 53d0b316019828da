"""A published procedure whose three consortia were all selected and whose first negotiation
round (announced to reduce the candidates) is open: the world the rounds' tests share."""

from datetime import timedelta

from django.utils import timezone

from coprocure.procedures import selectors, services

from ..factories import text
from ..tendering.conftest import provider, second_official
from .conftest import begin, evidence, light_procurement, pass_deadline, with_call

KINDS = ["participation_requests", "negotiation_round", "negotiation_round", "final_tenders"]


def round_world(official, procurement=None, bidders=None, award_on_initial_bids=False):
    """``bidders`` (three new consortia unless given) are all selected; the first round is open.
    ``award_on_initial_bids``: the published procedure reserves the right to award on them."""
    procurement = procurement or light_procurement(official)
    start = timezone.now() + timedelta(days=1)
    stages = [services.add_stage(official, procurement, {
        "kind": kind, "opens_at": start + timedelta(days=14 * n), "closes_at": start + timedelta(days=14 * (n + 1)),
        "reduces_candidates": n == 1}) for n, kind in enumerate(KINDS)]
    call = with_call(official, stages[0], criterion=False)
    services.save_plan(official, procurement, {"reduction_criteria": text(
        "Neuvottelukierroksen jälkeen jatkoon pääsevät kaksi kokonaistaloudellisesti edullisinta."),
        "award_on_initial_bids": award_on_initial_bids})
    services.publish(official, procurement)
    begin(official, stages[0])
    call.refresh_from_db()
    bidders = bidders or [provider(f"Konsortio {n} Oy") for n in range(3)]
    for bidder in bidders:
        services.submit_request(bidder, call, {"evidence": evidence(call)})
    pass_deadline(stages[0])
    call.stage.refresh_from_db()
    other = second_official(official, procurement)
    services.open_requests(official, call)
    services.open_requests(other, call)
    call.refresh_from_db()
    for request in call.requests.all():
        for requirement in call.requirements.all():
            services.check_requirement(official, call, request.pk, requirement.number, True, "Referenssit liitteenä.")
    services.decide_selection(official, call, {"reasons": "Kaikki soveltuvat kutsutaan neuvotteluihin.",
                                               "candidates": {r.pk: (True, "Soveltuva.") for r in call.requests.all()}})
    services.close_stage(official, stages[0])
    begin(official, stages[1])
    outsider = provider("Ulkopuolinen Oy")
    return {"procurement": procurement, "stages": stages, "bidders": bidders, "other_official": other,
            "outsider": outsider, "round": selectors.visible_round(official, stages[1].pk)}


def bid(world, n=0, price="120000.00", offer="Kotiin vietävä päihdekuntoutus, kokemusasiantuntijat mukana."):
    return services.submit_round_bid(world["bidders"][n], world["round"], {"price": price, "offer": offer})


def opened_round(official, world):
    pass_deadline(world["stages"][1])
    box = world["round"]
    box.stage.refresh_from_db()
    services.open_round_bids(official, box)
    services.open_round_bids(world["other_official"], box)
    box.refresh_from_db()
    return box
