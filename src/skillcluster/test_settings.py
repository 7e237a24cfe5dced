"""Settings for the test suite: production settings with test-only secrets and fast hashing.

DATABASE_URL still comes from the environment, so the same suite runs on SQLite and PostgreSQL.
"""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production-0123456789")
os.environ.setdefault("SECURE_COOKIES", "0")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")  # the test client speaks plain HTTP
os.environ.setdefault("CREDENTIAL_KEY_SECRET", "test-only-credential-key-secret")
os.environ.setdefault("LOG_FORMAT", "text")

from skillcluster.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Exact, model-free linking in tests; the tests of the dense model and its warm-up ask for it themselves.
TAXONOMY_LINKER_MODEL = "lexical"
# Each queued task runs at once in the test's process (tests that check the queue itself ask for the database).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A test database in a file, not in shared-cache memory: concurrent writers then wait for each other as in
    # production (IMMEDIATE transactions), so the race tests run on SQLite too.
    # One file per run (its process id), so two runs on one machine never share it.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-skillcluster-{os.getpid()}.sqlite3")}  # noqa: F405
