"""Rules for text people type, and for text written into XML.

Control characters have no place in a title or an answer: XML 1.0 cannot hold most of them (a
single one in a published title took every Atom feed down), and a line break in a one-line
field ends up in email headers (a notification subject) where it breaks the message. Forms and
the API refuse them with ``reject_control_characters`` and ``single_line``; text already stored
is made safe for XML output with ``strip_xml_illegal``.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# C0 and C1 control characters and DEL, except tab, line feed and carriage return, which long
# text keeps (they are how a textarea sends line breaks).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# The line breaks the control characters above leave: LF, CR and Unicode's line and paragraph
# separators (str.splitlines() breaks on all of them).
_LINE_BREAK = re.compile(r"[\n\r\u2028\u2029]")
# What XML 1.0 cannot hold at all (section 2.2): C0 controls but tab/LF/CR, lone surrogates,
# U+FFFE and U+FFFF.
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def reject_control_characters(value):
    """Validator: refuse text holding a control character other than tab and line breaks."""
    # Typed CharField subclasses (UUIDField, JSONField) hand validators what they parsed.
    found = _CONTROL.search(value) if isinstance(value, str) else None
    if found:
        raise ValidationError(
            _("Remove the control character %(code)s from this text (it cannot be shown)."),
            code="control_character",
            params={"code": f"U+{ord(found.group()):04X}"},
        )


def single_line(value):
    """Validator: refuse a line break in a field meant to hold one line (titles, names)."""
    if isinstance(value, str) and _LINE_BREAK.search(value):
        raise ValidationError(
            _("This field holds one line: remove the line break."), code="line_break"
        )


def strip_xml_illegal(text):
    """``text`` without the characters XML 1.0 cannot hold; for text already stored."""
    return _XML_ILLEGAL.sub("", text)


def guard_text_field(field):
    """Give a form field the validators its text needs, and return it.

    Every text field refuses control characters; one that is not a textarea also refuses line
    breaks. Password fields are left alone: they are compared, never shown or sent.
    """
    if isinstance(field, forms.CharField) and not isinstance(field.widget, forms.PasswordInput):
        field.validators.append(reject_control_characters)
        if not isinstance(field.widget, forms.Textarea):
            field.validators.append(single_line)
    return field


class PlainTextAdminMixin:
    """A ModelAdmin whose form fields follow ``guard_text_field``: put it first among the bases.

    Staff write the names and titles the feeds and emails show, like any State's user.
    """

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        return None if field is None else guard_text_field(field)


class PlainTextFormMixin:
    """A form whose text fields follow ``guard_text_field``: put it first among the bases."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            guard_text_field(field)
