"""Ask this State: thin views over ``conversations.workflow`` and the QuerySet's visibility."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from moderation.decorators import moderator_required
from moderation.transitions import TransitionError
from practices.models import Practice
from states.models import State

from . import selectors, workflow
from .forms import QuestionForm, ReplyForm
from .models import Conversation, Message


def _ask(request, *, state, practice=None):
    back = practice or state
    form = QuestionForm(request.POST or None)
    refusal = workflow.refusal_to_ask(request.user, state=state)
    status = refusal[1] if refusal else 200
    if request.method == "POST" and not refusal:
        status = 400
        if form.is_valid() and form.is_spam():
            messages.success(request, _("Your question is sent."))
            return redirect(back.get_absolute_url())
        if form.is_valid():
            data = form.cleaned_data
            try:
                conversation = workflow.ask(
                    asker=request.user,
                    state=state,
                    practice=practice,
                    subject=data["subject"],
                    body=data["body"],
                    share_email=data["share_email"],
                )
            except TransitionError as error:
                # Another request of the same asker reached the limit first.
                refusal, status = (error.message, 429)
            else:
                messages.success(request, _sent_message(conversation))
                return redirect(conversation.get_absolute_url())
    return render(
        request,
        "conversations/ask.html",
        {
            "form": form,
            "state": state,
            "practice": practice,
            "refusal": refusal[0] if isinstance(refusal, tuple) else refusal,
        },
        status=status,
    )


def _sent_message(conversation):
    if conversation.status == Conversation.Status.HELD:
        return _(
            "Your question is saved. As it is your first, a moderator reads it before it goes "
            "to the State."
        )
    return _("Your question is sent.")


@login_required
def ask_state(request, slug):
    return _ask(request, state=get_object_or_404(State, slug=slug))


@login_required
def ask_about_practice(request, slug):
    practice = get_object_or_404(
        Practice.objects.published().filter(lead_state__isnull=False).select_related("lead_state"),
        slug=slug,
    )
    return _ask(request, state=practice.lead_state, practice=practice)


def _visible(request, pk):
    return get_object_or_404(
        Conversation.objects.visible_to(request.user).select_related("state", "practice"), pk=pk
    )


@login_required
def thread(request, pk):
    conversation = _visible(request, pk)
    form = ReplyForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                workflow.reply(
                    conversation=conversation, by=request.user, body=form.cleaned_data["body"]
                )
            except TransitionError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Your message is sent."))
                return redirect(conversation.get_absolute_url())
    context = selectors.thread_context(conversation, request.user)
    return render(request, "conversations/thread.html", {**context, "form": form}, status=status)


def _act(request, action, conversation, done):
    try:
        action()
    except TransitionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return redirect(conversation.get_absolute_url())


@require_POST
@login_required
def mark_answered(request, pk):
    conversation = _visible(request, pk)
    return _act(
        request,
        lambda: workflow.mark_answered(conversation=conversation, by=request.user),
        conversation,
        _("Marked answered."),
    )


@require_POST
@login_required
def report_message(request, pk):
    message = get_object_or_404(
        Message.objects.filter(conversation__in=Conversation.objects.visible_to(request.user)),
        pk=pk,
    )
    return _act(
        request,
        lambda: workflow.report(message=message, by=request.user),
        message.conversation,
        _("Thank you: the moderators will look at this message."),
    )


@require_POST
@moderator_required
def release(request, pk):
    conversation = _visible(request, pk)
    return _act(
        request,
        lambda: workflow.release(conversation=conversation, by=request.user),
        conversation,
        _("Released: the question went to the State."),
    )


@require_POST
@moderator_required
def block_sender(request, pk):
    message = get_object_or_404(Message.objects.select_related("conversation", "author"), pk=pk)
    return _act(
        request,
        lambda: workflow.block(
            user=message.author, by=request.user, conversation=message.conversation
        ),
        message.conversation,
        _("The sender is blocked."),
    )


@login_required
def my_questions(request):
    conversations = selectors.asked_by(request.user)
    return render(request, "conversations/my_questions.html", {"conversations": conversations})


@login_required
def state_questions(request):
    """My State → Questions: the routed questions to the user's States."""
    conversations = selectors.for_state_members(request.user)
    return render(request, "conversations/state_questions.html", {"conversations": conversations})


@moderator_required
def moderation_queue(request):
    return render(request, "conversations/moderation_queue.html", selectors.moderation_queue())


def privacy(request):
    return render(request, "conversations/privacy.html", selectors.privacy_facts())
