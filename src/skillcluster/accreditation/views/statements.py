"""The page a statement request's link opens: what the person is asked to confirm, and a box for the
statement. Outside confirmers need no account (the signed link is their key); a person of the cluster asked by
name answers while logged in as themselves."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from skillcluster.accreditation.services import statements
from skillcluster.tenancy.models import Person
from skillcluster.web import rate_limit


@require_http_methods(["GET", "POST"])
@rate_limit(key="ip", rate="20/m")  # a token guessed at is refused by its signature; this keeps guessing slow
def statement_request(request: HttpRequest, token: str) -> HttpResponse:
    try:
        found = statements.request_from_token(token)
    except ValidationError as error:
        return render(request, "accreditation/statement_request.html", {"problem": error.messages[0]}, status=410)
    user = request.user if isinstance(request.user, Person) else None
    if found.person_id is not None and (user is None or user.pk != found.person_id):
        messages.info(
            request, gettext("This request is for %(name)s: log in as them to answer it.") % {"name": found.name}
        )
        return redirect_to_login(request.get_full_path())
    context: dict[str, object] = {"found": found, "text": ""}
    if request.method == "POST":
        context["text"] = text = request.POST.get("text", "")
        try:
            statements.statement_request_answer(request=found, text=text, author=user)
        except ValidationError as error:
            context["error"] = "; ".join(error.messages)
            return render(request, "accreditation/statement_request.html", context, status=400)
        return render(request, "accreditation/statement_request.html", {"done": found})
    return render(request, "accreditation/statement_request.html", context)
