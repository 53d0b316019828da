from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowUpConfig(AppConfig):
    name = "coprocure.followup"
    label = "followup"
    verbose_name = _("Follow-up")

    def ready(self):
        from coprocure.core import gdpr, retention, signals

        from . import personal_data, services

        gdpr.register("follow_up", services.export_person, services.erase_person, gdpr.Notice(
            _("The e-mail address (and phone number if given) of those who asked to hear what became of what they said."),
            _("Telling them when the procurement's page of what became of the feedback changes; nothing else."),
            _("Until they unsubscribe or the procurement closes."),
        ))
        personal_data.install()
        retention.register("follow_up_contacts", lambda now: services.forget_closed())
        signals.phase_changed.connect(services.on_phase_change, dispatch_uid="followup.forget_on_close")
        # What changed on a "you said, we did" page, or a development proposal's decision,
        # reaches those who follow it; the services that change them do not know this app.
        signals.you_said_we_did_changed.connect(services.on_you_said_we_did_changed, dispatch_uid="followup.updates")
        signals.proposal_decided.connect(services.on_proposal_decided, dispatch_uid="followup.proposal_author")
        # Contacts are mixed whole when a survey of their procurement is (participation.mixing).
        from coprocure.participation.signals import answers_mixed

        from . import mixing

        answers_mixed.connect(mixing.on_answers_mixed, dispatch_uid="followup.mix_contacts")
