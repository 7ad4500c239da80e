from . import test_engine_contract
from . import test_access
from . import test_register
from . import test_recipient
from . import test_disclosure
from . import test_audit_log
from . import test_controller
