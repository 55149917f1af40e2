import tempfile
import warnings
from pathlib import Path

from .base import *  # noqa: F403
from .base import VAR_DIR

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Jobs run at once, after the transaction commits, so tests see their effects.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = VAR_DIR / "test-media"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
AXES_ENABLED = True
# Publishing in any test indexes into tantivy: keep that index out of the developer's var/.
GONGKAI_SEARCH_TANTIVY_DIR = Path(tempfile.mkdtemp(prefix="gongkai-test-search-"))
# django-simple-captcha accepts the answer "PASSED" (any case) in tests; its warning that this
# disables the captcha (logged and raised on import) is expected here.
CAPTCHA_TEST_MODE = True
warnings.filterwarnings("ignore", message="CAPTCHA_TEST_MODE is enabled", category=RuntimeWarning)
LOGGING["loggers"]["captcha.conf.settings"] = {"level": "CRITICAL"}  # noqa: F405
