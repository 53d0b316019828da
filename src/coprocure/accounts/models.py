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


class SignupRequest(models.Model):
    """A sign-up waiting for its e-mail address to be confirmed. The account is made only when the
    signed link in the message is used, so an address nobody confirms leaves no account behind;
    requests older than the link's lifetime are deleted (retention ``signup_requests``)."""

    email = models.EmailField(_("e-mail address"))
    password = models.CharField(max_length=128)  # hashed like every Django password
    language = models.CharField(max_length=2, choices=settings.LANGUAGES, default="fi")
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("sign-up waiting for confirmation")
        verbose_name_plural = _("sign-ups waiting for confirmation")


class SuomiFiIdentity(models.Model):
    """The link between an account and a person identified with Suomi.fi e-Identification.

    Never the personal identity code: only a keyed hash of the provider's subject identifier
    (the same person gets the same account, and a copied database cannot be matched against
    identity codes), and, only when the person agreed to share them at that sign-in, the home
    municipality and the age band (never the birth date)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="suomifi_identity")
    pseudonym = models.CharField(max_length=64, unique=True)
    level_of_assurance = models.CharField(max_length=100)
    municipality_code = models.CharField(_("home municipality number"), max_length=3, blank=True)
    municipality = models.CharField(_("home municipality"), max_length=100, blank=True)
    age_band = models.CharField(_("age band"), max_length=16, blank=True)
    shared_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Suomi.fi identification")
        verbose_name_plural = _("Suomi.fi identifications")
