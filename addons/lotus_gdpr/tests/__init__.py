from . import test_engine_contract
from . import test_consent
from . import test_consent_http
from . import test_marketing
from . import test_restriction
from . import test_privacy_request
from . import test_export
from . import test_i18n
