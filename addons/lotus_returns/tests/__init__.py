from . import test_lotus_return_request
from . import test_lotus_return_portal
