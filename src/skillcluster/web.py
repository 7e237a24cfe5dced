"""Small helpers shared by the contexts' views: showing a service's refusal where the person looks."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest


def apply_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a service's field-keyed errors next to the form's fields; the others on the form itself."""
    items = error.error_dict.items() if hasattr(error, "error_dict") else [(None, error.error_list)]
    for field, errors in items:
        for message in errors:
            text = message.messages[0] if isinstance(message, ValidationError) else str(message)
            form.add_error(field if field in form.fields else None, text)


def flash_errors(request: HttpRequest, error: ValidationError) -> None:
    """A refusal with no form to show it in: one message per reason, at the top of the next page."""
    for message in error.messages:
        messages.error(request, message)
