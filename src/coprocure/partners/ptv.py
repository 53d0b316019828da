"""Export in the shape of the Finnish Service Catalogue (PTV) open API, so the data can flow to
where citizens already look: organisation → services → service channels, every text as
``{"type", "language", "value"}`` items."""

from __future__ import annotations

from coprocure.domain import translation

from .models import ProviderProfile, Service, ServiceChannel

PROVISION_TYPE = "PurchaseServices"  # services the authority buys from this producer


def _texts(value, kind: str) -> list[dict]:
    return [
        {"type": kind, "language": language, "value": entry["text"]}
        for language, entry in translation.normalise(value).items()
    ]


def channel(item: ServiceChannel) -> dict:
    result = {"id": f"channel-{item.pk}", "serviceChannelType": item.kind, "serviceChannelNames": _texts(item.name, "Name")}
    if item.address:
        result["addresses"] = [{"type": "Location", "streetAddress": item.address}]
    if item.phone:
        result["phoneNumbers"] = [{"number": item.phone}]
    if item.url:
        result["webPages"] = [{"url": item.url}]
    return result


def service(item: Service, organisation_id: str) -> dict:
    return {
        "id": f"service-{item.pk}",
        "type": "Service",
        "fundingType": "PubliclyFunded",
        "serviceNames": _texts(item.name, "Name"),
        "serviceDescriptions": _texts(item.summary, "Summary") + _texts(item.description, "Description"),
        "serviceClasses": [{"code": item.service_class}],
        "targetGroups": [{"code": group.code} for group in item.target_groups.all()],
        "areaType": "AreaType",
        "areas": [{"type": "Municipality", "municipalities": [{"name": area} for area in item.areas]}],
        "languages": list(item.languages),
        "serviceChannels": [{"serviceChannel": channel(c)} for c in item.channels.all()],
        "organizations": [{"roleType": "Producer", "provisionType": PROVISION_TYPE, "organizationId": organisation_id}],
    }


def organisation(profile: ProviderProfile) -> dict:
    org = profile.organisation
    organisation_id = f"organisation-{org.pk}"
    return {
        "id": organisation_id,
        "businessCode": org.business_id,
        "organizationNames": [{"type": "Name", "language": "fi", "value": org.name}],
        "organizationDescriptions": _texts(profile.description, "Description"),
        "organizationType": org.kind,
        "areas": [{"type": "Municipality", "municipalities": [{"name": area} for area in profile.areas_served]}],
        "services": [service(s, organisation_id) for s in org.services.all()],
    }
