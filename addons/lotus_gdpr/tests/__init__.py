from . import test_engine_contract
from . import test_portal_privacy
