from django.urls import path

from skillcluster.accreditation.views import achievements, claims, public, review, statements

urlpatterns = [
    path("firms/<id:firm_id>/credentials/", claims.firm_credentials, name="accreditation_firm"),
    path("clusters/<id:cluster_id>/accreditation/", review.cluster_desk, name="accreditation_cluster"),
    path("clusters/<id:cluster_id>/accreditation/policy/", review.cluster_policy, name="accreditation_policy"),
    path("claims/<id:claim_id>/", claims.claim_detail, name="claim_detail"),
    path("claims/<id:claim_id>/edit/", claims.claim_edit, name="claim_edit"),
    path("claims/<id:claim_id>/skills/", claims.claim_skill_add, name="claim_skill_add"),
    path(
        "claims/<id:claim_id>/skills/<id:skill_id>/remove/",
        claims.claim_skill_remove,
        name="claim_skill_remove",
    ),
    path("claims/<id:claim_id>/evidence/", claims.evidence_add, name="claim_evidence_add"),
    path(
        "claims/<id:claim_id>/evidence/<id:evidence_id>/file",
        claims.evidence_file,
        name="claim_evidence_file",
    ),
    path("claims/<id:claim_id>/submit/", claims.claim_submit, name="claim_submit"),
    path("claims/<id:claim_id>/respond/", claims.claim_respond, name="claim_respond"),
    path("claims/<id:claim_id>/delete/", claims.claim_delete, name="claim_delete"),
    path("claims/<id:claim_id>/assess/", review.claim_assess, name="claim_assess"),
    path("claims/<id:claim_id>/issue/", review.claim_issue, name="claim_issue"),
    path("confirm/<uuid:claim_uuid>/", claims.statement_add, name="claim_statement"),
    path("statements/<str:token>/", statements.statement_request, name="statement_request"),
    path("credentials/<uuid:credential_uuid>/", review.credential_detail, name="credential_detail"),
    path("credentials/<uuid:credential_uuid>/json/", review.credential_json, name="credential_json"),
    path("credentials/<uuid:credential_uuid>/certificate.pdf", review.credential_pdf, name="credential_pdf"),
    path("credentials/<uuid:credential_uuid>/revoke/", review.credential_revoke, name="credential_revoke"),
    path(
        "credentials/status/<id:organisation_id>/<id:list_id>",
        public.status_list_credential,
        name="credential_status_list",
    ),
    path("credentials/achievements/<uuid:claim_uuid>", achievements.achievement, name="achievement"),
    path("credentials/achievements/<uuid:claim_uuid>/<str:language>", achievements.achievement, name="achievement_in"),
    path("verify/", public.verify_page, name="verify"),
    path("verify/<uuid:credential_uuid>/", public.verify_link, name="verify_link"),
    path(".well-known/did.json", public.did_json, name="did_json"),
]
