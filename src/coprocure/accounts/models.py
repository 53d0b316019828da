from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EnrolmentCode(models.Model):
    """A one-time code, given out of band (in person, by the authority's own channel), that an
    official or administrator needs to enrol an authenticator. Without it, whoever first types
    a leaked password could enrol their own phone. Only a keyed digest is kept."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolment_codes")
    digest = models.CharField(max_length=64, unique=True)
    issued_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("enrolment code")
        verbose_name_plural = _("enrolment codes")
