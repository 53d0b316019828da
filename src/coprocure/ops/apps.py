from django.apps import AppConfig


class OpsConfig(AppConfig):
    """What operators watch: health and readiness probes, Prometheus metrics, JSON log lines with
    a request id; and the long work people start (exports, reports, imports) with its progress."""

    name = "coprocure.ops"
    label = "ops"

    def ready(self):
        from coprocure.core import retention

        from . import work

        retention.register("job_results", work.forget_expired)
