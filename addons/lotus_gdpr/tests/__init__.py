from . import test_engine_contract
from . import test_consent
from . import test_consent_http
from . import test_marketing
