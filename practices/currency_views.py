"""My State → "Is it still current?": a State member answers the currency check of one of the
State's published practices (``practices.currency``).

The practice is fetched through ``Practice.objects.editable_by(user).published()``: another
State's practice answers 404, whatever its status.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.text import PlainTextFormMixin
from moderation.transitions import TransitionError

from . import currency
from .models import Practice


class CurrencyForm(PlainTextFormMixin, forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("Is this practice still current?"),
        choices=currency.Answer.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=gettext_lazy("Note (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Not shown on the public page; kept in the practice's history."),
    )


@login_required
def currency_answer(request, pk):
    practice = get_object_or_404(
        Practice.objects.editable_by(request.user).published().select_related("lead_state"),
        pk=pk,
    )
    form = CurrencyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            confirmation = currency.answer(
                practice,
                by=request.user,
                status=form.cleaned_data["status"],
                note_text=form.cleaned_data["note"],
            )
        except TransitionError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("Thank you: “%(answer)s” is shown on the practice's page.")
                % {"answer": confirmation.get_status_display()},
            )
            return redirect("workflow:dashboard")
    context = {"practice": practice, "form": form, "current": currency.currency_of(practice)}
    return render(
        request,
        "practices/submit/currency_form.html",
        context,
        status=400 if form.is_bound and not form.is_valid() else 200,
    )
