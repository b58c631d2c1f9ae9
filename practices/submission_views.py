"""Pages where a State writes practices, contacts and attachments, and follows their review.

Every practice is fetched through ``Practice.objects.editable_by(user)``: another State's
practice answers 404, whatever its status, so IDs do not leak. Status changes go through
``practices.workflow``.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from moderation.models import Action, AuditRecord
from moderation.transitions import TransitionError, allowed_actions
from states.models import Contact, State
from states.roles import acts_for_any_state, is_moderator

from . import attachment_workflow, readership, selectors, workflow
from .forms import AttachmentForm, ContactForm, PracticeForm
from .models import Attachment, Practice

S = Practice.Status

# Dashboard groups, in the order a State works through them.
DASHBOARD_GROUPS = [
    S.CHANGES_REQUESTED,
    S.DRAFT,
    S.SUBMITTED,
    S.PUBLISHED,
    S.REJECTED,
    S.ARCHIVED,
]


def _editable_practice(request, pk):
    return get_object_or_404(
        Practice.objects.editable_by(request.user).select_related(
            "lead_state", "lead_body", "pillar", "revision_of", "created_by"
        ),
        pk=pk,
    )


def not_editable(request, practice):
    """Back to the practice's status page, saying why it cannot be edited now."""
    messages.info(
        request,
        _("This practice is “%(status)s” and cannot be edited now.")
        % {"status": practice.get_status_display()},
    )
    return redirect("workflow:practice_status", pk=practice.pk)


def history(practice):
    """Audit records of a practice and of its revisions (or of its live practice), oldest first."""
    related = {
        practice.pk,
        practice.revision_of_id,
        *practice.revisions.values_list("pk", flat=True),
    }
    return AuditRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(Practice),
        object_id__in=[pk for pk in related if pk],
    ).select_related("actor")


def changes_requested(practice):
    """The moderator's last "changes requested" record while the practice waits for them."""
    if practice.status != S.CHANGES_REQUESTED:
        return None
    return AuditRecord.objects.for_object(practice).filter(action=Action.REQUEST_CHANGES).last()


@login_required
def home(request):
    """Where signing in leads: moderators and administrators to the moderation queue, whose
    work it is; everyone else to the site's home page."""
    return redirect("moderation:queue" if is_moderator(request.user) else "home")


@login_required
def dashboard(request):
    """My State: each of the user's States with its practices by status, and its contacts."""
    states = list(State.objects.with_member(request.user).order_by("name"))
    practices = (
        Practice.objects.filter(lead_state__in=states)
        .select_related("revision_of", "pillar")
        .order_by("-updated_at")
    )
    by_state = {state.pk: {status: [] for status in DASHBOARD_GROUPS} for state in states}
    for practice in practices:
        by_state[practice.lead_state_id][practice.status].append(practice)
    contacts = Contact.objects.filter(state__in=states).select_related("institution")
    contacts_by_state = {state.pk: [] for state in states}
    for contact in contacts:
        contacts_by_state[contact.state_id].append(contact)
    reading = readership.dashboard_table(states)
    sections = [
        {
            "state": state,
            "reading": reading["rows"][state.pk],
            "reading_totals": reading["totals"][state.pk],
            "groups": [(status, by_state[state.pk][status]) for status in DASHBOARD_GROUPS],
            "needs_action": by_state[state.pk][S.CHANGES_REQUESTED] + by_state[state.pk][S.DRAFT],
            "contacts": contacts_by_state[state.pk],
        }
        for state in states
    ]
    context = {
        "sections": sections,
        "reading_columns": reading["columns"],
        "reading_since": reading["since"],
        "is_moderator": is_moderator(request.user),
        "pending_reviews": Practice.objects.filter(status=S.SUBMITTED).count()
        if is_moderator(request.user)
        else None,
        "join_requests": request.user.join_requests.select_related("state").order_by("-created_at")[
            :10
        ],
    }
    return render(request, "practices/submit/dashboard.html", context)


def _render_form(request, form, practice=None, status=200):
    context = {
        "form": form,
        "practice": practice,
        "request_for_changes": changes_requested(practice) if practice else None,
    }
    return render(request, "practices/submit/practice_form.html", context, status=status)


def save_practice_form(request, form, practice=None, *, render_form, next_url, indicators=None):
    """Save the form through the workflow; on "submit", also send it for review.

    A stale save answers ``render_form(newer=the newer practice)`` (a 409 keeping what was
    typed); a saved draft goes to ``next_url(saved)``. The whole form and each step of the
    guided one save through here; ``indicators`` (a valid ``IndicatorFormSet``) with it.
    """
    try:
        saved = workflow.save_draft(
            form,
            by=request.user,
            expected_version=form.cleaned_data.get("version"),
            indicators=indicators,
        )
    except workflow.StaleEdit as error:
        form.add_error(None, error.message)
        return render_form(newer=error.current)
    except TransitionError as error:
        messages.error(request, error.message)
        if practice is None:
            return redirect("workflow:dashboard")
        return redirect("workflow:practice_status", pk=practice.pk)
    if request.POST.get("intent") == "submit":
        try:
            workflow.submit(saved, by=request.user)
        except TransitionError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Saved and sent for review."))
            return redirect("workflow:practice_status", pk=saved.pk)
    else:
        messages.success(request, _("Draft saved."))
    return redirect(next_url(saved))


def _save(request, form, practice=None):
    def stale(newer):
        return render(
            request,
            "practices/submit/practice_form.html",
            {"form": form, "practice": practice, "newer": newer},
            status=409,
        )

    return save_practice_form(
        request,
        form,
        practice,
        render_form=stale,
        next_url=lambda saved: reverse("workflow:practice_edit", kwargs={"pk": saved.pk}),
    )


@login_required
def practice_create(request):
    if not acts_for_any_state(request.user):
        messages.error(request, _("You need to belong to a State to submit practices."))
        return redirect("accounts:join_state")
    practice = Practice()
    form = PracticeForm(request.POST or None, instance=practice, user=request.user)
    if request.method == "POST" and form.is_valid():
        return _save(request, form)
    return _render_form(request, form, status=400 if form.is_bound else 200)


@login_required
def practice_edit(request, pk):
    practice = _editable_practice(request, pk)
    if not workflow.is_editable(practice):
        return not_editable(request, practice)
    form = PracticeForm(request.POST or None, instance=practice, user=request.user)
    if request.method == "POST":
        if form.is_valid():
            return _save(request, form, practice)
        return _render_form(request, form, practice, status=400)
    return _render_form(request, form, practice)


@login_required
def practice_status(request, pk):
    """One practice as its State sees it: status, actions, attachments, review history."""
    practice = _editable_practice(request, pk)
    return _render_status(request, practice, AttachmentForm())


def _render_status(request, practice, attachment_form, status=200):
    context = {
        "practice": practice,
        "actions": allowed_actions(practice, request.user),
        "editable": workflow.is_editable(practice),
        "history": history(practice),
        "attachments": practice.attachments.all(),
        "attachment_form": attachment_form,
        "pending_revision": practice.revisions.filter(status__in=workflow.PENDING_STATUSES).first(),
    }
    return render(request, "practices/submit/practice_status.html", context, status=status)


@login_required
def practice_preview(request, pk):
    """The practice exactly as the public page will show it."""
    practice = _editable_practice(request, pk)
    article = selectors.practice_article(request, practice, preview=True)
    context = {
        "practice": practice,
        "preview": True,
        "article": article,
        "editable": workflow.is_editable(practice),
        "actions": allowed_actions(practice, request.user),
    }
    return render(request, "practices/practice_detail.html", context)


def _act(request, pk, action, done_message):
    practice = _editable_practice(request, pk)
    try:
        result = action(practice, by=request.user)
    except TransitionError as error:
        messages.error(request, error.message)
        return redirect("workflow:practice_status", pk=practice.pk)
    messages.success(request, done_message)
    target = result if isinstance(result, Practice) else practice
    return redirect("workflow:practice_status", pk=target.pk)


@require_POST
@login_required
def practice_submit(request, pk):
    return _act(request, pk, workflow.submit, _("Sent for review. Moderators have been told."))


@require_POST
@login_required
def practice_withdraw(request, pk):
    return _act(request, pk, workflow.withdraw, _("Withdrawn: the practice is a draft again."))


@require_POST
@login_required
def practice_revise(request, pk):
    """Open (or reopen) the revision of a published practice; the live page is untouched."""
    return _act(
        request,
        pk,
        workflow.start_revision,
        _("This is a revision: the published page stays as it is until a moderator approves."),
    )


def _attachments_page(request, pk):
    """Back to the page the attachment form was on: the guided form's Documents step, or
    the status page."""
    if request.POST.get("from_step") == "documents":
        return reverse("workflow:practice_step", kwargs={"pk": pk, "step": "documents"})
    return reverse("workflow:practice_status", kwargs={"pk": pk})


@require_POST
@login_required
def attachment_upload(request, pk):
    practice = _editable_practice(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            attachment_workflow.add_attachment(
                practice,
                by=request.user,
                uploaded=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
                content_type=form.cleaned_data["content_type"],
                is_evaluation=form.cleaned_data["is_evaluation"],
            )
        except TransitionError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Attachment added."))
        return redirect(_attachments_page(request, practice.pk))
    return _render_status(request, practice, form, status=400)


@require_POST
@login_required
def attachment_delete(request, public_id):
    attachment = get_object_or_404(
        Attachment.objects.filter(practice__in=Practice.objects.editable_by(request.user)),
        public_id=public_id,
    )
    try:
        attachment_workflow.delete_attachment(attachment, by=request.user)
    except TransitionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Attachment removed."))
    return redirect(_attachments_page(request, attachment.practice_id))


def attachment_download(request, public_id):
    """Serve a file only if its practice is visible to the reader; always as a download."""
    attachment = get_object_or_404(
        Attachment.objects.filter(practice__in=Practice.objects.visible_to(request.user)),
        public_id=public_id,
    )
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )


def _own_state(request, slug):
    return get_object_or_404(State.objects.acted_for_by(request.user), slug=slug)


@login_required
def contact_create(request, state_slug):
    state = _own_state(request, state_slug)
    form = ContactForm(request.POST or None, instance=Contact(state=state), state=state)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Contact saved."))
        return redirect("workflow:dashboard")
    return render(
        request,
        "practices/submit/contact_form.html",
        {"form": form, "state": state},
        status=400 if form.is_bound else 200,
    )


@login_required
def contact_edit(request, pk):
    contact = get_object_or_404(
        Contact.objects.editable_by(request.user).select_related("state"), pk=pk
    )
    form = ContactForm(request.POST or None, instance=contact, state=contact.state)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Contact saved."))
        return redirect("workflow:dashboard")
    return render(
        request,
        "practices/submit/contact_form.html",
        {"form": form, "state": contact.state, "contact": contact},
        status=400 if form.is_bound else 200,
    )
