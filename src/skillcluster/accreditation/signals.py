"""Signals other contexts subscribe to (imports keep running one way: they import us, not we them).

`credential_issued` is sent after the issuing transaction commits, with keyword arguments:
`credential` (IssuedCredential), `holder` (Person), `firm` (Firm) and `skills` (a list of
`(esco_uri, level)`). The audits context turns it into ratings with source "credential".
`credential_revoked` is sent after a revocation commits, with `credential` and `reason`.
"""

from django.dispatch import Signal

credential_issued = Signal()
credential_revoked = Signal()
