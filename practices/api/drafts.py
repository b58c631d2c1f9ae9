"""Writing drafts through the API: a State's user (by token or session) creates a draft,
changes it and submits it for review, through the same form and workflow functions as the
site. Nothing here publishes: approval stays with the moderators' review page.
"""

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions

from moderation.transitions import TransitionError
from practices import fields, workflow
from practices.forms import PracticeForm
from practices.models import Practice
from states.models import Contact
from states.roles import acts_for_any_state

from .serializers import UNAVAILABLE, ChoiceSlugField, PracticeDraftSerializer

UNAVAILABLE_UNNAMED = gettext_lazy("A value is not one of the available choices.")


class Conflict(exceptions.APIException):
    status_code = 409
    default_detail = _("The practice cannot be changed in its current state.")
    default_code = "conflict"


def save_draft(request, practice=None):
    """Create a draft (``practice`` None) or change one from the request's JSON body."""
    user = request.user
    if not acts_for_any_state(user):
        raise exceptions.PermissionDenied(_("Only a State's users can write practices."))
    if practice is not None and not workflow.may_edit(user, practice):
        raise exceptions.PermissionDenied(_("Only users of the owning State can do this."))
    serializer = PracticeDraftSerializer(data=request.data, partial=practice is not None)
    serializer.is_valid(raise_exception=True)
    if practice is not None and "version" not in serializer.validated_data:
        raise exceptions.ValidationError(
            {"version": [_("Send the version you read when changing a draft.")]}
        )
    data = _form_data(serializer.validated_data, practice, user)
    form = PracticeForm(data=data, instance=practice, user=user)
    if not form.is_valid():
        raise exceptions.ValidationError(_form_errors(form, serializer))
    try:
        return workflow.save_draft(form, by=user, expected_version=data.get("version"))
    except TransitionError as refusal:
        raise Conflict(refusal.message) from None


def submit(request, practice):
    """Send a draft to the moderators."""
    if not workflow.may_edit(request.user, practice):
        raise exceptions.PermissionDenied(_("Only users of the owning State can do this."))
    try:
        workflow.submit(practice, by=request.user)
    except TransitionError as refusal:
        raise Conflict(refusal.message) from None


def _form_errors(form, serializer):
    """The form's errors by field, a refused choice worded as the serializer words an unknown
    slug: the client cannot tell another State's object from a missing one, and the form's
    message (which names the database id) never reaches it."""
    errors = {}
    for name, items in form.errors.as_data().items():
        sent = _sent_slugs(serializer.fields.get(name), serializer.validated_data.get(name))
        messages = []
        for error in items:
            if sent is None or error.code not in ("invalid_choice", "invalid_pk_value"):
                messages.extend(error.messages)
                continue
            value = sent.get(str((error.params or {}).get("value")))
            if value is None and len(sent) == 1:
                value = next(iter(sent.values()))
            # Only this message: what follows from a refused choice (a lead State missing)
            # would tell it apart from an unknown slug, which never reaches the form.
            messages = [str(UNAVAILABLE).format(value=value) if value else str(UNAVAILABLE_UNNAMED)]
            break
        errors[name] = messages
    return errors


def _sent_slugs(field, value):
    """``{str(pk): slug as sent}`` of a relation field's validated value; None otherwise."""
    relation = getattr(field, "child_relation", field)
    if not isinstance(relation, ChoiceSlugField):
        return None
    objects = value if isinstance(value, list) else [] if value is None else [value]
    return {str(obj.pk): str(getattr(obj, relation.slug_field)) for obj in objects}


def _form_data(validated, practice, user):
    """PracticeForm data: the practice's current values overlaid with the client's.

    Of the current contacts only those ``user`` may see are sent: the form keeps the links
    to the others by itself (``PracticeForm.clean_contacts``).
    """
    data = {}
    if practice is not None:
        for name in fields.CONTENT_FIELDS:
            data[name] = getattr(practice, Practice._meta.get_field(name).attname)
        for name in fields.M2M_FIELDS:
            related = getattr(practice, name).all()
            if name == "contacts":
                related = related.filter(pk__in=Contact.objects.visible_to(user))
            data[name] = list(related.values_list("pk", flat=True))
    for name, value in validated.items():
        if name in fields.M2M_FIELDS:
            data[name] = [obj.pk for obj in value]
        elif isinstance(value, models.Model):
            data[name] = value.pk
        else:
            data[name] = value
    return {name: "" if value is None else value for name, value in data.items()}
