"""A read replica for reports: report views read from it when it is configured, nothing else does."""

from django.urls import reverse

from coprocure.core.models import Procurement
from coprocure.participation import selectors
from coprocure import replica
from coprocure.replica import ReportRouter, reporting
from tests.participation.conftest import activity, make_survey  # noqa: F401 - activity is a fixture


def test_only_reports_read_from_a_configured_replica(settings):
    router = ReportRouter()
    assert router.db_for_read(Procurement) is None
    with reporting():
        assert router.db_for_read(Procurement) is None  # no replica configured: the primary
        settings.DATABASES = {**settings.DATABASES, "replica": {**settings.DATABASES["default"]}}
        assert router.db_for_read(Procurement) == "replica"
        assert router.db_for_write(Procurement) is None
    assert router.db_for_read(Procurement) is None
    assert not router.allow_migrate("replica", "core") and router.allow_migrate("default", "core")


def test_the_survey_results_page_reads_as_a_report(client, official, activity, monkeypatch):  # noqa: F811
    survey = make_survey(official, activity)
    seen = []
    results = selectors.results

    def recording(survey):
        seen.append(replica._reporting.get())
        return results(survey)

    monkeypatch.setattr(selectors, "results", recording)
    client.force_login(official)
    assert client.get(reverse("survey_results", args=[survey.pk])).status_code == 200
    assert seen == [True]
