from django.urls import path

from skillcluster.accreditation import views_claims, views_public, views_review

urlpatterns = [
    path("firms/<int:firm_id>/credentials/", views_claims.firm_credentials, name="accreditation_firm"),
    path("clusters/<int:cluster_id>/accreditation/", views_review.cluster_desk, name="accreditation_cluster"),
    path("claims/<int:claim_id>/", views_claims.claim_detail, name="claim_detail"),
    path("claims/<int:claim_id>/edit/", views_claims.claim_edit, name="claim_edit"),
    path("claims/<int:claim_id>/skills/", views_claims.claim_skill_add, name="claim_skill_add"),
    path(
        "claims/<int:claim_id>/skills/<int:skill_id>/remove/",
        views_claims.claim_skill_remove,
        name="claim_skill_remove",
    ),
    path("claims/<int:claim_id>/evidence/", views_claims.evidence_add, name="claim_evidence_add"),
    path(
        "claims/<int:claim_id>/evidence/<int:evidence_id>/file",
        views_claims.evidence_file,
        name="claim_evidence_file",
    ),
    path("claims/<int:claim_id>/submit/", views_claims.claim_submit, name="claim_submit"),
    path("claims/<int:claim_id>/respond/", views_claims.claim_respond, name="claim_respond"),
    path("claims/<int:claim_id>/delete/", views_claims.claim_delete, name="claim_delete"),
    path("claims/<int:claim_id>/assess/", views_review.claim_assess, name="claim_assess"),
    path("claims/<int:claim_id>/issue/", views_review.claim_issue, name="claim_issue"),
    path("confirm/<uuid:claim_uuid>/", views_claims.statement_add, name="claim_statement"),
    path("credentials/<uuid:credential_uuid>/", views_review.credential_detail, name="credential_detail"),
    path("credentials/<uuid:credential_uuid>/json/", views_review.credential_json, name="credential_json"),
    path("credentials/<uuid:credential_uuid>/certificate.pdf", views_review.credential_pdf, name="credential_pdf"),
    path("credentials/<uuid:credential_uuid>/revoke/", views_review.credential_revoke, name="credential_revoke"),
    path(
        "credentials/status/<int:organisation_id>/<int:list_id>",
        views_public.status_list_credential,
        name="credential_status_list",
    ),
    path("verify/", views_public.verify_page, name="verify"),
    path("verify/<uuid:credential_uuid>/", views_public.verify_link, name="verify_link"),
    path(".well-known/did.json", views_public.did_json, name="did_json"),
]
